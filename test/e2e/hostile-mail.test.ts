/**
 * The running worker against hostile mail (issue 11): the worker runs as a process, as an
 * operator runs it (real Dovecot, Redis and an SMTP capture). The 16 KB bomb, a 1 MB text above
 * the header and a 200,000-row form each get a clear correction request (the sheet limits stop
 * them in the reading process); so does a form within every sheet limit that only the reading
 * process's heap cap can stop (READ_MEMORY_MB=64 here) — the form that, read on a worker thread
 * with the same cap, once aborted the whole worker. A normal mail delivered right after each is
 * answered as usual; the process is the same one from start to end.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as hostile from '../hostile/hostile-inputs.js';
import { unitMailWith } from '../support/mail-builder.js';
import { waitFor, type RunningWorker } from '../support/run-worker.js';
import { activity, recommendationForm } from '../support/sample-forms.js';
import { startWorkerStack, type WorkerStack } from '../support/worker-stack.js';

const UNIT = '电气工程学院';

describe('hostile mail to the running worker', () => {
  let stack: WorkerStack;
  let worker: RunningWorker;
  let n = 0;

  before(async () => {
    stack = await startWorkerStack('hostile', {
      campaign: { allowedSenderDomains: ['bjtu.edu.cn', 'example.edu.cn'] },
      // A small heap cap for the reading process: a normal form needs far less (docs/limits.md).
      extraEnv: { REPLY_RETRY_SECONDS: '0.5', READ_MEMORY_MB: '64' },
    });
    worker = stack.spawnWorker(['start']);
    // One ordinary mail first, so the figures below are the worker's steady state, not its start.
    const first = await send('推荐表.xlsx', await recommendationForm(UNIT, [activity(1)]));
    await replyTo(first);
  });
  after(() => stack?.stop());

  const send = async (filename: string, content: Buffer): Promise<string> => {
    const from = `unit${++n}@example.edu.cn`;
    const raw = await unitMailWith({ from, subject: `${UNIT} 推荐表`, messageId: `<hostile-${n}@example.edu.cn>`, attachments: [{ filename, content }] });
    await stack.deliver(raw);
    return from;
  };
  const replyTo = (from: string, timeoutMs = 120_000) => waitFor(`the reply to ${from}`, async () => (await stack.repliesTo(from))[0], timeoutMs, 100);

  const cases: [string, () => Promise<Buffer>, RegExp][] = [
    ['the 16 KB bomb (a cell at XFD1048576)', hostile.farCellBomb, /表格过大或结构异常：工作表「推荐表」用到了第 1048576 行/],
    ['a 1 MB text above the header', () => hostile.longHeaderCell(1_000_000), /表格过大或结构异常：.*有单元格的文字超过 32767 个字符/],
    ['a 200,000-row form', () => hostile.manyRows(200_000), /表格过大或结构异常：工作表「推荐表」用到了第 20001 行/],
    ['a 19,000-row × 15-column form within the sheet limits, past the 64 MB heap cap', () => hostile.manyRows(19_000, 12), /表格过大或结构异常：读取时超出了内存上限，未能读取/],
  ];
  for (const [what, make, told] of cases) {
    it(`${what} → a correction request saying so; a normal mail sent right after is acknowledged; the worker never restarts`, async () => {
      const bad = await send('推荐表.xlsx', await make());
      const good = await send('推荐表.xlsx', await recommendationForm(UNIT, [activity(1), activity(2)]));
      const sentGood = Date.now();
      const correction = await replyTo(bad);
      assert.match(correction.subject ?? '', /^【修改通知】/);
      assert.match(correction.text ?? '', told);
      const ack = await replyTo(good);
      assert.match(ack.subject ?? '', /^【回执】/);
      console.log(`# ${what}: the normal mail after it was answered ${((Date.now() - sentGood) / 1000).toFixed(1)} s after delivery`);
      assert.equal(worker.child.exitCode, null, `the worker is still the same process: ${worker.stderr()}`);
      assert.equal(worker.child.signalCode, null);
    });
  }

  it('each bad file was answered once and the worker logged no crash', () => {
    // The one heap that ran out is the reading process's, logged (with V8's words) as an aborted
    // reading; the worker's own never does, and nothing but log lines reaches its stderr.
    const lines = worker.stderr().split('\n').filter((l) => l.trim() !== '');
    const raw = lines.filter((l) => !l.startsWith('{'));
    assert.deepEqual(raw, [], 'no line on stderr outside the log');
    assert.deepEqual(lines.filter((l) => /heap out of memory/i.test(l)).map((l) => (JSON.parse(l) as { msg: string; reason: string })).map((l) => `${l.msg}: ${l.reason}`), ['reading of a file aborted: memory']);
    assert.doesNotMatch(worker.stderr(), /Maximum call stack/i);
    assert.equal(worker.child.exitCode, null);
    assert.equal(stack.smtp.messages.length, 1 + 2 * cases.length);
  });
});
