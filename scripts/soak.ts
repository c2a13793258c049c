/**
 * `npm run soak -- [--trials N] [--seed S] [--db sqlite|postgres] [--processes N] [--fault-rate R] [--replies send|draft]`
 * A seeded fault campaign against real Dovecot, Redis, SMTP and SQLite or PostgreSQL (see
 * docs/reliability.md). Prints one line — trials, faults injected by kind, lost, doubled, wrong —
 * then each finding; exits 1 when anything was lost, doubled or wrong. Replay a run with its seed.
 */
import { parseArgs } from 'node:util';
import { runSoak } from '../test/soak/run-soak.js';

const { values } = parseArgs({
  options: {
    trials: { type: 'string', default: '20' },
    seed: { type: 'string' },
    db: { type: 'string', default: 'sqlite' },
    processes: { type: 'string', default: '1' },
    'fault-rate': { type: 'string', default: '0.4' },
    'drain-minutes': { type: 'string', default: '6' },
    replies: { type: 'string', default: 'send' },
  },
});
// Ctrl-C: exit through 'exit', where the harness stops every server and process it started.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
const db = values.db;
if (db !== 'sqlite' && db !== 'postgres') throw new Error(`--db: sqlite or postgres, not ${db}`);
const replies = values.replies;
if (replies !== 'send' && replies !== 'draft') throw new Error(`--replies: send or draft, not ${replies}`);
const seed = values.seed ? Number(values.seed) : Math.floor(Math.random() * 1_000_000);
const result = await runSoak({
  trials: Number(values.trials),
  seed,
  engine: db,
  processes: Number(values.processes),
  faultRate: Number(values['fault-rate']),
  drainMs: Number(values['drain-minutes']) * 60_000,
  replies,
  log: (line) => console.error(line),
});
console.log(result.line);
for (const f of result.findings) console.log(`  ${f.verdict}: ${f.what}`);
for (const s of result.skipped) console.log(`  not injected: ${s}`);
process.exit(result.failures.length > 0 ? 1 : 0);
