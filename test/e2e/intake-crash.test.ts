/**
 * The promise the whole product stands on: nothing taken from the mailbox is lost, nothing is
 * stored twice, and nothing is marked before it is stored — even when the worker is killed
 * with SIGKILL in the middle of a busy intake.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import SQLite from 'better-sqlite3';
import { startDovecot, type DovecotServer } from '../harness/dovecot.js';
import { useRedis, type TestRedis } from '../harness/redis.js';
import { runWorkerCommand, spawnWorker, waitFor, type RunningWorker } from '../support/run-worker.js';
import { createWorkerEnv, unitMail, type WorkerEnv } from '../support/worker-env.js';

const TOTAL = 300;
const FOLDER = 'Submissions';
const KEYWORD = '$InboxWorkerTaken';

describe('intake under SIGKILL', () => {
  let dovecot: DovecotServer;
  let redis: TestRedis;
  let w: WorkerEnv;

  before(async () => {
    dovecot = await startDovecot();
    redis = await useRedis();
    w = createWorkerEnv('crash', { dovecot, redisUrl: redis.url, folder: FOLDER, extraEnv: { WATCH_BATCH_SIZE: '20' } });
    await dovecot.createFolder(dovecot.users[0]!.user, FOLDER);
  });
  after(async () => {
    await dovecot?.stop();
    await redis?.stop();
    w?.dispose();
  });

  /** Message-IDs of the messages that carry our keyword on the server. */
  const markedIds = () =>
    dovecot.withClient(dovecot.users[0]!.user, async (client) => {
      const lock = await client.getMailboxLock(FOLDER);
      try {
        const uids = (await client.search({ keyword: KEYWORD }, { uid: true })) || [];
        const ids: string[] = [];
        if (uids.length === 0) return ids;
        for await (const m of client.fetch(uids, { envelope: true }, { uid: true })) ids.push(m.envelope?.messageId ?? '');
        return ids;
      } finally {
        lock.release();
      }
    });

  const storedKeys = (): string[] => {
    const db = new SQLite(path.join(w.dataDir, 'inbox.sqlite'), { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('SELECT dedupe_key FROM messages').all() as { dedupe_key: string }[]).map((r) => r.dedupe_key);
    } finally {
      db.close();
    }
  };

  /** Every marked message must already be in the store: marking comes only after storing. */
  const assertNothingMarkedUnstored = async (moment: string) => {
    const stored = new Set(storedKeys());
    const marked = await markedIds();
    const unstored = marked.filter((id) => !stored.has(`mid:${id.replace(/^<|>$/g, '')}`));
    assert.deepEqual(unstored, [], `${moment}: marked on the server but not stored`);
    return marked.length;
  };

  it('300 mails delivered while the worker is killed twice: 300 stored, none twice, none marked first', async () => {
    const user = dovecot.users[0]!.user;
    let worker: RunningWorker = spawnWorker(['start'], w.env);
    const markedAtKill: number[] = [];
    const killAndRestart = async () => {
      await waitFor('the worker to take some mail', async () => (await markedIds()).length > markedAtKill.reduce((a, b) => Math.max(a, b), 0) + 5, 60_000, 100);
      worker.child.kill('SIGKILL');
      await worker.exited;
      markedAtKill.push(await assertNothingMarkedUnstored(`after kill ${markedAtKill.length + 1}`));
      worker = spawnWorker(['start'], w.env);
    };

    const delivering = (async () => {
      for (let n = 1; n <= TOTAL; n++) {
        await dovecot.append(user, FOLDER, unitMail(n));
        if (n % 25 === 0) await new Promise((r) => setTimeout(r, 150));
      }
    })();
    await killAndRestart();
    await killAndRestart();
    await delivering;

    await waitFor('all mail to be stored and ingested', async () => {
      const s = JSON.parse(await runWorkerCommand(['status', '--json'], w.env)) as { messages: { stored: number; byState: Record<string, number> } };
      return s.messages.stored === TOTAL && s.messages.byState.ingested === TOTAL ? s : null;
    }, 180_000, 1000);

    worker.child.kill('SIGTERM');
    assert.equal(await worker.exited, 0, `graceful stop failed:\n${worker.stderr()}`);
    await assertNothingMarkedUnstored('at the end');

    const keys = storedKeys();
    assert.equal(keys.length, TOTAL);
    assert.equal(new Set(keys).size, TOTAL);
    const expected = Array.from({ length: TOTAL }, (_, i) => `mid:m${i + 1}.test@example.edu.cn`).sort();
    assert.deepEqual([...keys].sort(), expected);
    assert.equal((await markedIds()).length, TOTAL, 'every message is marked in the end');
    assert.equal(markedAtKill.length, 2, 'the worker was killed twice while mail was arriving');
    const status = JSON.parse(await runWorkerCommand(['status', '--json'], w.env)) as { messages: { stored: number; byKind: Record<string, number> } };
    assert.equal(status.messages.stored, TOTAL);
    assert.equal(status.messages.byKind.submission, TOTAL);
  });
});
