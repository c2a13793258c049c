/**
 * The short seeded soak inside `npm test`: twenty trials of a season's mail with faults drawn at
 * random (seed fixed, so a failure here replays with `npm run soak -- --seed 2 --trials 20`),
 * one worker process on SQLite. The long runs are by hand; their figures are in docs/reliability.md.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runSoak } from './run-soak.js';

describe('soak: a seeded fault campaign', () => {
  it('20 trials with kills, restarts, cuts and refusals → nothing lost, doubled or wrong', async () => {
    const result = await runSoak({ trials: 20, seed: 2, engine: 'sqlite', processes: 1, faultRate: 0.5, drainMs: 6 * 60_000 });
    const injected = [...result.faults.entries()].filter(([k]) => k !== 'digest-hour').reduce((n, [, c]) => n + c, 0);
    assert.ok(injected >= 5, `the campaign injected faults (${result.line})`);
    assert.equal(result.faults.get('digest-hour'), 1, 'the clock passed the digest hour once');
    assert.deepEqual(result.findings, [], `${result.line}\n(worker logs: ${result.logDir})`);
  });
});
