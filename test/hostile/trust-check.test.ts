/**
 * The mail inputs of docs/trust.md through `inbox-worker check --json` as a child process: exit
 * status, result line, what the unit would be told, and the peak resident memory of `check` and
 * its reading process (run-check.ts) under a fixed cap. The running worker's side (replies, store) is
 * trust-mail.test.ts.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCheck as runCheckAs, type CheckRun } from './run-check.js';
import { deepForward, manyAttachments, noForm, outsider, zipInZip } from './trust-inputs.js';

/** `check` and its reading process (run-check.ts): Node, tsx, mailparser, exceljs; 2,000 attachments measured about 300 MB. */
const MAX_RSS_MB = 450;
const FROM = 'dianxin@bjtu.edu.cn';

type Run = CheckRun<{ kind: string; reply: string; deliverables: { status: string; activities: number; problems: { message: string }[] }[] }>;
const runCheck = (file: string): Promise<Run> => runCheckAs(file, {}, 300_000);

const told = (r: Run) => r.line.deliverables.flatMap((d) => d.problems.map((p) => p.message)).join('\n');

describe('trust inputs through check: said, not dropped; bounded memory', () => {
  let dir: string;
  const runs = new Map<string, Run>();

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trust-check-'));
    const inputs: Record<string, Promise<Buffer>> = {
      '2000-attachments.eml': manyAttachments(FROM, '<many@bjtu.edu.cn>'),
      'zip-in-zip.eml': zipInZip(FROM, '<zipzip@bjtu.edu.cn>'),
      'forward-5-deep.eml': deepForward(FROM, '<deep@bjtu.edu.cn>'),
      'outside-domain.eml': outsider('someone@evil.example', '<outside@evil.example>'),
      'outsider-reply-to.eml': outsider('someone@evil.example', '<replyto@evil.example>', 'victim@bjtu.edu.cn'),
      'no-form.eml': noForm(FROM, '<noform@bjtu.edu.cn>'),
    };
    for (const [name, raw] of Object.entries(inputs)) fs.writeFileSync(path.join(dir, name), await raw);
    for (const name of Object.keys(inputs)) runs.set(name, await runCheck(path.join(dir, name)));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const run = (name: string) => runs.get(name)!;

  it('2,000 attachments: exit 0, acknowledged with the form read and a word that the rest was not opened', () => {
    const r = run('2000-attachments.eml');
    assert.equal(r.code, 0);
    assert.equal(r.line.reply, 'acknowledgement');
    assert.deepEqual(r.line.deliverables.map((d) => [d.status, d.activities]), [['accepted_with_warnings', 2]]);
    assert.match(told(r), /只读取了前 \d+ 个附件，其余附件未打开/);
  });

  it('a zip in a zip and a forward five deep: exit 1, a correction request naming what was not opened', () => {
    assert.equal(run('zip-in-zip.eml').code, 1);
    assert.equal(run('zip-in-zip.eml').line.reply, 'correction_request');
    assert.match(told(run('zip-in-zip.eml')), /“推荐表\.zip”也是压缩包，未打开/);
    assert.equal(run('forward-5-deep.eml').code, 1);
    assert.match(told(run('forward-5-deep.eml')), /是多层转发的邮件（转发层数过多），其中的正文和附件未打开/);
  });

  it('an outsider naming a unit, with or without an in-domain Reply-To: held, no reply', () => {
    for (const name of ['outside-domain.eml', 'outsider-reply-to.eml']) {
      assert.equal(run(name).code, 0, name);
      assert.equal(run(name).line.reply, 'none', name);
      assert.deepEqual(run(name).line.deliverables.map((d) => d.status), ['held'], name);
    }
  });

  it('a form-named mail with nothing readable: exit 1, asked for the .xlsx', () => {
    assert.equal(run('no-form.eml').code, 1);
    assert.match(told(run('no-form.eml')), /没有可读取的推荐表/);
  });

  it(`every run stays under ${MAX_RSS_MB} MB of resident memory`, () => {
    for (const [name, r] of runs) assert.ok(r.maxRssMb < MAX_RSS_MB, `${name}: ${Math.round(r.maxRssMb)} MB`);
  });
});
