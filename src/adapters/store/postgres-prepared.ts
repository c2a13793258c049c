/**
 * A pool for Kysely's PostgreSQL dialect that runs the compiled statements (compiled-query.ts) as
 * named prepared statements. node-postgres sends an unnamed statement's SQL with every call, and
 * the server parses and plans it each time; a named one is parsed once per connection, and after
 * a few runs the server keeps its plan. Every other query (Kysely's own, a migration, SQL made up
 * at run time) goes through unchanged.
 */
import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';
import { compiledStatementName } from './compiled-query.js';

/** SQLSTATE 0A000 feature_not_supported, which PostgreSQL answers with "cached plan must not change result type". */
const PLAN_RESULT_CHANGED = '0A000';

export function preparingPool(pool: pg.Pool): PostgresPool {
  // Kysely keeps its connection object per client it is given: the same client gets the same wrapper.
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  return {
    async connect() {
      const client = await pool.connect();
      let wrapper = wrappers.get(client);
      if (!wrapper) wrappers.set(client, (wrapper = preparingClient(client)));
      return wrapper;
    },
    end: () => pool.end(),
  };
}

function preparingClient(client: pg.PoolClient): PostgresPoolClient {
  // A column added while this connection holds a `select *` statement changes the statement's
  // result type, and PostgreSQL refuses to run it again on this connection: a worker still running
  // while another process migrates. The connection is then given back to the pool to be closed,
  // and the next connection prepares the statement anew (the failed job is retried).
  let discard = false;
  const query = (sql: string, parameters: readonly unknown[]) => {
    const name = compiledStatementName(sql);
    const values = [...parameters];
    return name ? client.query({ name, text: sql, values }) : client.query(sql, values);
  };
  return {
    query: ((sqlOrCursor: string | PostgresCursor<unknown>, parameters?: readonly unknown[]) => {
      if (typeof sqlOrCursor !== 'string') return client.query(sqlOrCursor as unknown as pg.Submittable);
      return query(sqlOrCursor, parameters ?? []).catch((err: unknown) => {
        if ((err as { code?: unknown }).code === PLAN_RESULT_CHANGED) discard = true;
        throw err;
      }) as Promise<PostgresQueryResult<unknown>>;
    }) as PostgresPoolClient['query'],
    release() {
      // A truthy argument tells node-postgres's pool to close the client rather than keep it.
      client.release(discard || undefined);
      discard = false;
    },
  };
}
