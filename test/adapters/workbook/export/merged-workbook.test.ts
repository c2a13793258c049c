import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { buildMergedWorkbook, mergedWorkbookFileName, type MergedWorkbookInput } from '../../../../src/adapters/workbook/export/index.js';
import { extractZipEntry, listZipArchive } from '../../../../src/adapters/files/index.js';
import type { ActivityRow } from '../../../../src/domain/forms/types.js';
import { shippedForms } from '../../../domain/forms/load-defs.js';

const { defs, both } = shippedForms();
const UNITS = ['电子信息工程学院', '计算机科学与技术学院', '经济管理学院'];

/** What units typed that a spreadsheet might take for a formula or a link (OWASP CSV injection). */
const HOSTILE = ['=HYPERLINK("http://x","y")', '+1', '-1+2', '@SUM(1)', '\t=1+1', '\r=2+2'];

function rec(rowNumber: number, name: string, extra: Record<string, string | number | null> = {}): ActivityRow {
  return {
    rowNumber,
    values: {
      seq: rowNumber - 6, name, category: '成果科普', activityForm: '线下', startDate: '2025-05-20', endDate: '2025-05-22',
      place: '思源楼', audience: '全校师生', expectedParticipants: 200, leader: '张老师', leaderPhone: '010-51680000',
      summary: '实验室开放日', remarks: null, ...extra,
    },
  };
}

function rep(rowNumber: number, name: string, n: [number, number, number, number, number], links: string | null = null): ActivityRow {
  return {
    rowNumber,
    values: {
      seq: rowNumber - 5, name, category: '群众实践', activityForm: '线上线下', startDate: '2025-05-24', endDate: '2025-05-24', place: '体育馆',
      sessions: n[0], offlineAttendance: n[1], onlineAttendance: n[2], scientists: n[3], mediaReports: n[4], reportLinks: links, remarks: null,
    },
  };
}

function input(): MergedWorkbookInput {
  return {
    definitions: both,
    units: UNITS,
    rows: {
      // Given out of registry order and out of row order: the workbook puts both right.
      recommendation: [
        { unit: '计算机科学与技术学院', version: 2, status: 'accepted_with_warnings', receivedAt: '2025-05-05T07:45:00Z', rows: [
          rec(7, HOSTILE[0] ?? '', { place: HOSTILE[1] ?? '', audience: HOSTILE[2] ?? '', remarks: HOSTILE[3] ?? '', summary: HOSTILE[4] ?? '', leader: HOSTILE[5] ?? '' }),
        ] },
        { unit: '电子信息工程学院', version: 1, status: 'accepted', receivedAt: '2025-05-04T02:00:00Z', rows: [rec(8, '无线电科普讲座'), rec(7, '5G 实验室开放日')] },
      ],
      report: [
        { unit: '电子信息工程学院', version: 1, status: 'accepted', receivedAt: '2025-06-01T09:00:00Z', rows: [
          rep(6, '科技节', [2, 300, 1200, 15, 2], 'http://news.example.edu/a\nhttps://news.example.edu/b'),
          rep(7, '科普直播', [1, 0, 5000, 3, 0]),
        ] },
        { unit: '经济管理学院', version: 3, status: 'incomplete', receivedAt: '2025-06-12T15:30:00Z', rows: [rep(6, '=cmd|\' /C calc\'!A0', [4, 80, 0, 6, 1], 'http://evil.example/x')] },
      ],
    },
    reportParts: {
      电子信息工程学院: { table: true, summary: true, media: true, press: true },
      经济管理学院: { table: true, summary: true, media: false, press: false },
    },
    generatedAt: new Date('2025-06-13T00:30:00Z'),
    title: '2025年全国科技活动周和全国科技工作者日',
  };
}

type Plain = string | number | null;

/** A sheet back as plain values: dates as `YYYY-MM-DD` (or with `HH:MM` when they carry a time). */
function plain(sheet: ExcelJS.Worksheet): Plain[][] {
  const rows: Plain[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const values: Plain[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) {
      const v = row.getCell(c).value;
      if (v instanceof Date) values.push(v.toISOString().endsWith('T00:00:00.000Z') ? v.toISOString().slice(0, 10) : v.toISOString().slice(0, 16).replace('T', ' '));
      else if (typeof v === 'string' || typeof v === 'number') values.push(v);
      else if (v === null || v === undefined) values.push(null);
      else throw new Error(`unexpected cell ${row.getCell(c).address}: ${JSON.stringify(v)}`);
    }
    rows.push(values);
  });
  return rows;
}

async function load(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

describe('the coordinator opens the merged workbook attached to the digest', async () => {
  const bytes = await buildMergedWorkbook(input());
  const wb = await load(bytes);
  const sheet = (name: string) => {
    const s = wb.getWorksheet(name);
    assert.ok(s, name);
    return s;
  };

  it('opens on the 汇总 sheet, followed by one sheet per form', () => {
    assert.deepEqual(wb.worksheets.map((s) => s.name), ['汇总', '推荐表', '统计表']);
    assert.equal(mergedWorkbookFileName(new Date('2025-06-12T16:30:00Z')), '合并汇总表-2025-06-13.xlsx');
  });

  it('the recommendation sheet holds exactly the given rows, units in registry order, with unit, version, status and time', () => {
    const header = ['单位', '版本', '状态', '收到时间', ...defs.recommendation.columns.map((c) => c.label)];
    const row = (unit: string, version: number, status: string, at: string, r: ActivityRow) => [unit, version, status, at, ...defs.recommendation.columns.map((c) => r.values[c.key] ?? null)];
    assert.deepEqual(plain(sheet('推荐表')), [
      header,
      row('电子信息工程学院', 1, '已通过', '2025-05-04 10:00', rec(7, '5G 实验室开放日')),
      row('电子信息工程学院', 1, '已通过', '2025-05-04 10:00', rec(8, '无线电科普讲座')),
      row('计算机科学与技术学院', 2, '已通过（有提示）', '2025-05-05 15:45', rec(7, HOSTILE[0] ?? '', { place: '+1', audience: '-1+2', remarks: '@SUM(1)', summary: '\t=1+1', leader: '\n=2+2' })), // CR kept as Excel's line break
    ]);
  });

  it('the statistics sheet keeps numbers as numbers and dates as dates, so the filters work', () => {
    const s = sheet('统计表');
    assert.equal(plain(s).length, 4);
    assert.equal(s.getCell('L2').value, 2); // 场次 after the four meta columns and seven form columns
    assert.equal(s.getCell('L2').type, ExcelJS.ValueType.Number);
    assert.equal(s.getCell('I2').type, ExcelJS.ValueType.Date);
    assert.equal(s.getCell('I2').numFmt, 'yyyy-mm-dd');
    assert.equal(s.getCell('D4').numFmt, 'yyyy-mm-dd hh:mm');
    assert.equal(plain(s)[3]?.[3], '2025-06-12 23:30');
  });

  it('the summary counts activities per unit, totals every statistics column and names what is missing', () => {
    assert.deepEqual(plain(sheet('汇总')), [
      ['单位', '推荐表状态', '推荐表活动数', '统计表状态', '统计表活动数', '场次', '线下参与人次', '线上参与人次', '参与科技工作者人数', '媒体报道数', '缺少材料'],
      ['电子信息工程学院', '已通过', 2, '已通过', 2, 3, 300, 6200, 18, 2, ''],
      ['计算机科学与技术学院', '已通过（有提示）', 1, '未提交', 0, 0, 0, 0, 0, 0, '统计表、总结材料、影像资料'],
      ['经济管理学院', '未提交', 0, '材料不全', 1, 4, 80, 0, 6, 1, '推荐表、影像资料'],
      ['合计', '2 个单位已提交', 3, '2 个单位已提交', 3, 7, 380, 6200, 24, 3, '2 个单位缺材料'],
    ]);
  });

  it('every sheet has a frozen header row and a filter over its data (the 合计 row outside it)', () => {
    for (const s of wb.worksheets) {
      assert.equal(s.views[0]?.state, 'frozen', s.name);
      assert.equal((s.views[0] as { ySplit?: number }).ySplit, 1, s.name);
      assert.ok(s.autoFilter, s.name);
      assert.ok((s.getColumn(1).width ?? 0) >= 20, `${s.name}: the unit column is wide enough for a full name`);
    }
    assert.equal(String(sheet('汇总').autoFilter), 'A1:K4');
    assert.equal(String(sheet('推荐表').autoFilter), 'A1:Q4');
  });

  it('what a unit typed stays text: no formula, no link, Text format against re-entry', () => {
    const s = sheet('推荐表');
    for (const ref of ['F4', 'K4', 'L4', 'N4', 'P4', 'Q4']) {
      const cell = s.getCell(ref);
      assert.equal(cell.type, ExcelJS.ValueType.String, ref);
      assert.equal(typeof cell.value, 'string', ref);
      assert.equal(cell.formula, undefined, ref);
      assert.equal(cell.hyperlink, undefined, ref);
      assert.equal(cell.numFmt, '@', ref);
    }
    assert.equal(s.getCell('F4').value, '=HYPERLINK("http://x","y")');
    const links = sheet('统计表').getCell('Q4');
    assert.deepEqual([links.type, links.value, links.hyperlink], [ExcelJS.ValueType.String, 'http://evil.example/x', undefined]);
  });

  it('the file itself carries no formula and no hyperlink part at all', async () => {
    const listing = await listZipArchive(bytes);
    assert.ok(listing.ok);
    const sheets = listing.entries.filter((e) => /^xl\/worksheets\/sheet\d+\.xml$/.test(e.name));
    assert.equal(sheets.length, 3);
    for (const entry of [...sheets.map((e) => e.name), 'xl/sharedStrings.xml']) {
      const x = await extractZipEntry(bytes, entry);
      assert.ok(x.ok, entry);
      const xml = x.bytes.toString('utf8');
      if (entry.startsWith('xl/worksheets')) {
        assert.doesNotMatch(xml, /<f[ >]/, `${entry} has a formula`);
        assert.doesNotMatch(xml, /<hyperlink/, `${entry} has a hyperlink`);
        assert.doesNotMatch(xml, /t="str"/, `${entry} has a formula-string cell`);
      }
    }
    assert.ok(!listing.entries.some((e) => e.name.includes('externalLink')));
  });

  it('building twice from the same input gives the same rows (time is a parameter)', async () => {
    const again = await load(await buildMergedWorkbook(input()));
    for (const name of ['汇总', '推荐表', '统计表']) assert.deepEqual(plain(again.getWorksheet(name) as ExcelJS.Worksheet), plain(sheet(name)));
    assert.equal(again.created.toISOString(), '2025-06-13T00:30:00.000Z');
  });
});
