/**
 * A judgement that waits for its submission's lock judges against what the holder left: the
 * version the holder made current, and the numbers it took. On PostgreSQL a statement that waited
 * for a row lock returns the row as the holder left it but reads any other table as it was before
 * the wait, so the current version must be read by a statement of its own after the lock
 * (src/adapters/store/version-writes.ts). Here the holder is a transaction kept open on purpose:
 * it numbers a later mail's version 2 and makes it current, and a mail received between the two
 * is judged meanwhile. On SQLite the writer waits for the holder's transaction as a whole.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { submissionIdOf, versionIdOf } from '../../../src/adapters/store/submission-repo.js';
import { engines, openTestStore, type TestStore } from '../../support/databases.js';
import { recRow, seedMail } from '../../stages/digest/store-seed.js';

const UNIT = '计算机科学与技术学院';
const SUBMISSION = submissionIdOf(UNIT, 'recommendation');
const messageIdOf = (key: string) => createHash('sha256').update(key).digest('hex');

for (const engine of engines) {
  describe(`a judgement that waited for its submission's lock (${engine})`, () => {
    let t: TestStore;
    before(async () => {
      t = await openTestStore(engine);
    });
    after(async () => t?.dispose());

    it('sees the version the holder made current, and numbers after it', async () => {
      const { store } = t;
      const first = await seedMail(store, mail('first', '2025-05-01T02:00:00Z'));
      // The holder's mail, received last: stored now, its version written inside the held transaction.
      const last = messageIdOf('last');
      await store.messages.recordStored({ id: last, dedupeKey: 'mid:last', rawSha256: last, size: 100, source: 'import', mailbox: null, uidValidity: null, uid: null, internalDate: null, storedAt: '2025-05-03T02:00:00Z' });
      const lastVersion = versionIdOf(last, 'recommendation');

      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let holding!: (backend: number | null) => void;
      const held = new Promise<number | null>((resolve) => (holding = resolve));
      const holder = store.db.transaction().execute(async (trx) => {
        // The holder's server process, so that the wait below is this judgement's and no other test's.
        const backend = engine === 'postgres' ? (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)).rows[0]!.pid : null;
        await trx.updateTable('submissions').set({ updated_at: '2025-05-03T02:00:05Z' }).where('id', '=', SUBMISSION).execute();
        await sql`insert into submission_versions (id, message_id, deliverable, submission_id, unit, version, status, late, received_at, detail_json, error_count, warning_count, activity_count, judged_at)
          select ${lastVersion}, ${last}, deliverable, submission_id, unit, 2, status, late, ${'2025-05-03T02:00:00Z'}, detail_json, error_count, warning_count, activity_count, judged_at
          from submission_versions where id = ${versionIdOf(first, 'recommendation')}`.execute(trx);
        await trx.updateTable('submissions').set({ current_version_id: lastVersion }).where('id', '=', SUBMISSION).execute();
        holding(backend);
        await released;
      });
      const holderBackend = await held;

      // Received between the two, judged while the holder's transaction is open.
      const between = seedMail(store, mail('between', '2025-05-02T02:00:00Z'));
      if (engine === 'postgres') {
        await until(async () => {
          const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where ${holderBackend}::int = any(pg_blocking_pids(pid))`.execute(store.db);
          return rows[0]!.n > 0;
        });
      } else {
        // One connection per process: the judgement queues behind the holder's transaction
        // whenever it starts; the pause lets it start first, as on PostgreSQL.
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      release();
      await holder;
      const betweenId = await between;

      const versions = await store.db.selectFrom('submission_versions').select(['message_id', 'version']).where('submission_id', '=', SUBMISSION).orderBy('version').execute();
      assert.deepEqual(versions.map((v) => [v.message_id, Number(v.version)]), [[first, 1], [last, 2], [betweenId, 3]]);
      const submission = await store.submissions.submission(SUBMISSION);
      assert.equal(submission?.current_version_id, lastVersion, 'the mail received last stays current');
    });
  });
}

function mail(key: string, receivedAt: string) {
  return {
    key,
    from: 'cs@example.edu',
    subject: '计算机学院推荐表',
    receivedAt,
    judgedAt: receivedAt,
    unit: UNIT,
    verdicts: [{ deliverable: 'recommendation' as const, status: 'accepted' as const, rows: [recRow(7, key)] }],
  };
}

async function until(check: () => Promise<boolean>): Promise<void> {
  const giveUpAt = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > giveUpAt) throw new Error('the judgement never waited for the lock');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
