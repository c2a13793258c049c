/**
 * How many jobs of each stage one process runs at once. On SQLite every statement runs on the
 * event loop's own thread: a job that queries holds the loop, and more jobs in flight only add
 * their switching. On PostgreSQL each statement is a round trip to the server, during which the
 * loop runs other jobs: there more validate jobs in flight fill that wait (a validate job runs
 * about ten statements around its form's reading). The bench's figures for each choice are in
 * docs/architecture.md, "How many jobs at once".
 */
import type { Engine } from '../adapters/store/database.js';

export interface StageConcurrency {
  ingest: number;
  validate: number;
  reply: number;
}

export function stageConcurrency(engine: Engine): StageConcurrency {
  return engine === 'postgres' ? { ingest: 4, validate: 4, reply: 2 } : { ingest: 4, validate: 2, reply: 2 };
}
