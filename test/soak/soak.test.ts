/**
 * The short seeded soaks inside `npm test`, each the replay of a seed that found a fault (the long
 * runs are by hand; their figures are in docs/reliability.md):
 * - seed 2, SQLite, one process: kills landing while a reply was between SMTP's answer and its
 *   record (then the whole APPEND to Sent) sent it twice;
 * - seed 5, PostgreSQL, two processes: a PostgreSQL restart killed both worker processes.
 * A kill after SMTP took a reply and before its record (no copy in Sent either) leaves the send
 * `uncertain`: not sent again, a copy in Drafts, an incident (docs/reliability.md) — counted as
 * told, like a quarantined job. Every lost, doubled or wrong finding fails these runs.
 * Replay by hand: `npm run soak -- --seed 2 --trials 20 --fault-rate 0.5` (add `--db postgres
 * --processes 2 --trials 10 --fault-rate 0.6` with seed 5).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { postgresBinDir } from '../harness/private-postgres.js';
import { runSoak, type SoakResult } from './run-soak.js';

const injected = (r: SoakResult) => [...r.faults.entries()].filter(([k]) => k !== 'digest-hour').reduce((n, [, c]) => n + c, 0);

describe('soak: seeded fault campaigns', () => {
  it('seed 2, SQLite, one process: 20 trials with kills, restarts, cuts and refusals → nothing lost, doubled or wrong', async () => {
    const result = await runSoak({ trials: 20, seed: 2, engine: 'sqlite', processes: 1, faultRate: 0.5, drainMs: 6 * 60_000 });
    assert.ok(injected(result) >= 5, `the campaign injected faults (${result.line})`);
    assert.equal(result.faults.get('digest-hour'), 1, 'the clock passed the digest hour once');
    assert.deepEqual(result.failures, [], `${result.line}\n(worker logs: ${result.logDir})`);
  });

  it('seed 5, PostgreSQL restarted under two processes: 10 trials → nothing lost, doubled or wrong', { skip: postgresBinDir() ? false : 'no PostgreSQL server binaries for a private cluster' }, async () => {
    const result = await runSoak({ trials: 10, seed: 5, engine: 'postgres', processes: 2, faultRate: 0.6, drainMs: 6 * 60_000 });
    assert.equal(result.faults.get('pg-restart'), 1, `PostgreSQL was restarted (${result.line})`);
    assert.deepEqual(result.failures, [], `${result.line}\n(worker logs: ${result.logDir})`);
  });
});
