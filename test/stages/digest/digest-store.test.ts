import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { composeDigest, type ComposedDigest } from '../../../src/domain/digest/index.js';
import { collectDigestInput } from '../../../src/stages/digest/collect-digest-input.js';
import { exportMergedWorkbook } from '../../../src/stages/digest/export-workbook.js';
import { createDigestRepo } from '../../../src/adapters/store/digest-repo.js';
import { engines, openTestStore, type TestStore } from '../../support/databases.js';
import { HOSTILE, SEED_NOW, SEED_UNITS, seedStore, shippedDefinitions, storeCampaign } from './store-seed.js';

const campaign = storeCampaign();
const units = SEED_UNITS.map((u) => u.name);

for (const engine of engines) {
  describe(`[${engine}] the coordinator's digest is composed from what the store holds`, () => {
    let t: TestStore;
    let digest: ComposedDigest;
    let workbook: ExcelJS.Workbook;

    before(async () => {
      t = await openTestStore(engine);
      await seedStore(t.store);
      const digests = createDigestRepo(t.store.db);
      digest = composeDigest(await collectDigestInput({ campaign, units, digests }, SEED_NOW));
      const merged = await exportMergedWorkbook({ campaign, units, definitions: shippedDefinitions(), digests }, SEED_NOW);
      workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(merged.content as unknown as ArrayBuffer);
    });
    after(() => t?.dispose());

    it('the subject tells her 4 of 7 recommendations and 1 of 7 reports are done, and 3 things wait for her', () => {
      assert.equal(digest.subject, '【每日汇总】2025年全国科技活动周和全国科技工作者日 5月8日：推荐表 4/7，统计表 1/7，待处理 3 项');
    });

    it('figures count the current version only: the resubmitted form counts as accepted, the late one as done and late', () => {
      const pick = (f: ComposedDigest['figures'][number]) => [f.deliverable, f.total, f.done, f.pending, f.missing, f.accepted, f.acceptedWithWarnings, f.needsCorrection, f.incomplete, f.held, f.late, f.daysLeft];
      assert.deepEqual(digest.figures.map(pick), [
        ['recommendation', 7, 4, 1, 2, 3, 1, 1, 0, 0, 1, -2],
        ['report', 7, 1, 1, 5, 1, 0, 0, 1, 0, 0, 36],
      ]);
    });

    it('the board lists units to chase first, then units still missing something, then those done', () => {
      assert.deepEqual(
        digest.board.map((r) => [r.unit, r.urgency, ...r.cells.map((c) => c.state)]),
        [
          ['经济管理学院', 'attention', 'needs_correction', 'missing'],
          ['计算机科学与技术学院', 'attention', 'accepted_with_warnings', 'incomplete'],
          ['土木建筑工程学院', 'missing', 'missing', 'missing'],
          ['机械与电子控制工程学院', 'missing', 'missing', 'missing'],
          ['电子信息工程学院', 'missing', 'accepted', 'missing'],
          ['交通运输学院', 'missing', 'late', 'missing'],
          ['电气工程学院', 'done', 'accepted', 'accepted'],
        ],
      );
      const cs = digest.board.find((r) => r.unit === '计算机科学与技术学院')!;
      assert.deepEqual([cs.cells[0]?.version, cs.cells[0]?.warningCount, cs.cells[1]?.missingParts], [2, 2, ['总结材料', '影像资料']]);
      assert.equal(digest.board.find((r) => r.unit === '经济管理学院')?.cells[0]?.errorCount, 3);
    });

    it('needs-you holds the two undecided held mails (once each) and the failed job — not the settled mail, not the resolved stall', () => {
      assert.deepEqual(
        digest.needsYou.map((n) => [n.kind, n.subject, n.detail, n.since]),
        [
          ['conflict', '土建学院推荐表', '发件人 mixed@example.edu：表内单位与主题不一致', '2025-05-06T05:00:00Z'],
          ['unknown_sender', '推荐表 <b>请查收</b>', '发件人 stranger@example.edu：无法确定发件单位', '2025-05-06T03:00:00Z'],
          ['job_failed', 'validate/validate-0123', '重试 6 次后仍失败：附件无法读取', '2025-05-07T11:00:00Z'],
        ],
      );
      assert.doesNotMatch(digest.html, /<b>请查收<\/b>/, 'a sender-written subject is escaped in the HTML');
    });

    it('changes since the last day list the first submissions and the status a resubmission moved from', () => {
      const changes = digest.text.split('\n').filter((l) => / → /.test(l));
      assert.deepEqual(changes, [
        '5月7日 10:30 交通运输学院 推荐表：首次提交 → 已通过',
        '5月7日 17:00 计算机科学与技术学院 推荐表：需修改 → 已通过（有提示）',
        '5月7日 18:00 计算机科学与技术学院 统计表：首次提交 → 材料不全',
      ]);
    });

    it('the merged workbook holds exactly the current rows, in registry order — never a superseded version', () => {
      const names = (sheetName: string) => {
        const sheet = workbook.getWorksheet(sheetName)!;
        const header = (sheet.getRow(1).values as unknown[]).map((v) => (typeof v === 'string' ? v : ''));
        const unitCol = header.indexOf('单位');
        const nameCol = header.indexOf('活动名称');
        const out: [unknown, unknown][] = [];
        for (let r = 2; r <= sheet.rowCount; r++) out.push([sheet.getRow(r).getCell(unitCol).value, sheet.getRow(r).getCell(nameCol).value]);
        return out;
      };
      assert.deepEqual(names('推荐表'), [
        ['电子信息工程学院', '5G 实验室开放日'],
        ['电子信息工程学院', '无线电科普讲座'],
        ['计算机科学与技术学院', HOSTILE[0]],
        ['经济管理学院', '经济学沙龙'],
        ['交通运输学院', '轨道交通科普'],
        ['电气工程学院', '电力科普'],
      ]);
      assert.deepEqual(names('统计表'), [
        ['计算机科学与技术学院', '科普直播'],
        ['电气工程学院', '电力科普'],
        ['电气工程学院', '电网开放日'],
      ]);
    });

    it('=HYPERLINK(...), +1 and @SUM(1) typed by a unit are plain text cells in the export, not formulas', () => {
      const sheet = workbook.getWorksheet('推荐表')!;
      const header = (sheet.getRow(1).values as unknown[]).map((v) => (typeof v === 'string' ? v : ''));
      const row = sheet.getRow(4);
      for (const [label, text] of [['活动名称', HOSTILE[0]], ['活动地点', HOSTILE[1]], ['备注', HOSTILE[2]]] as const) {
        const cell = row.getCell(header.indexOf(label));
        assert.equal(cell.type, ExcelJS.ValueType.String, `${label} is a string cell`);
        assert.equal(cell.value, text);
        assert.equal(cell.formula, undefined);
      }
    });
  });
}
