import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { runDigestCommand } from '../../../src/cli/digest-command.js';
import { runExportCommand } from '../../../src/cli/export-command.js';
import { createDigestJob } from '../../../src/stages/digest/digest-job.js';
import { createDigestRepo } from '../../../src/adapters/store/digest-repo.js';
import { digestCronPattern } from '../../../src/adapters/queues/digest-queue.js';
import { openTestStore, type TestStore } from '../../support/databases.js';
import { silent, tempDir } from './job-rig.js';
import { SEED_NOW, SEED_UNITS, seedStore, shippedDefinitions, storeCampaign } from './store-seed.js';

describe('the operator asks for the digest and the workbook by hand', () => {
  let t: TestStore;
  const dir = tempDir('digest-cmd');
  const campaign = storeCampaign();
  before(async () => {
    t = await openTestStore('sqlite');
    await seedStore(t.store);
  });
  after(async () => {
    await t?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const job = () =>
    createDigestJob({
      campaign, units: SEED_UNITS, definitions: shippedDefinitions(), digests: createDigestRepo(t.store.db), outbox: t.store.outbox,
      blobs: { putBuffer: () => assert.fail('nothing is stored without sending') } as never, incidents: t.store.incidents, learned: t.store.learnedAddresses,
      delivery: { smtp: { send: () => assert.fail('nothing is sent'), close: () => undefined }, sent: { append: async () => undefined, contains: async () => false }, drafts: { append: async () => assert.fail('nothing is drafted'), contains: async () => false, messageIds: async () => new Set<string>() }, envelopeFrom: 'x@example.edu' },
      now: () => SEED_NOW, logger: silent,
    });

  it('digest --out writes a page that opens in a browser with the chart inside it, and sends nothing', async () => {
    const file = path.join(dir, 'digest.html');
    const said = await runDigestCommand(job(), { out: file }, () => SEED_NOW);
    assert.match(said, /^wrote .*digest\.html: 【每日汇总】/);
    const html = fs.readFileSync(file, 'utf8');
    assert.match(html, /<img src="data:image\/png;base64,iVBOR/);
    assert.doesNotMatch(html, /cid:/);
    assert.equal((await t.store.outbox.list('digest')).length, 0);
  });

  it('digest without options prints the text part', async () => {
    const said = await runDigestCommand(job(), {}, () => SEED_NOW);
    assert.match(said, /^Subject: 【每日汇总】.*推荐表 4\/7/);
    assert.match(said, /【各单位情况】/);
  });

  it('export --out writes the merged workbook with the current rows', async () => {
    const file = path.join(dir, 'merged.xlsx');
    const said = await runExportCommand({ config: { campaign: { campaign, units: SEED_UNITS, dir: '' }, forms: { definitions: shippedDefinitions(), context: {} as never } }, store: t.store }, { out: file }, () => SEED_NOW);
    assert.equal(said, `wrote ${file} (recommendation 6, report 3)`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    assert.deepEqual(wb.worksheets.map((s) => s.name), ['汇总', '推荐表', '统计表']);
  });

  it('the configured HH:MM becomes a daily cron pattern', () => {
    assert.equal(digestCronPattern('08:30'), '30 8 * * *');
    assert.equal(digestCronPattern('23:05'), '5 23 * * *');
    assert.throws(() => digestCronPattern('8:30'));
  });
});
