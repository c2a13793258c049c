/**
 * Statements the worker runs for every mail, built and compiled by Kysely once per database and
 * then executed again and again with new parameters. Building a Kysely query and compiling it to
 * SQL costs more CPU than SQLite takes to run it (docs/architecture.md, "Portable storage"); the schema stays the one
 * portable Kysely schema and both engines get their own SQL, compiled by their own dialect.
 *
 * A statement is written as a function of named placeholders:
 *
 *   const byId = compiledQuery(db, (q, p: { id: string }) => q.selectFrom('messages').selectAll().where('id', '=', p.id));
 *   const row = await byId.first(trx, { id });
 *
 * Each placeholder becomes a bound parameter, so a placeholder may stand wherever Kysely binds a
 * value (a comparison, a column's value in INSERT or UPDATE, LIMIT) — never where Kysely looks at
 * the value itself while building (an `in` list, an array, an `undefined` that drops a column).
 * The compiled statement is checked once: every placeholder must have become a parameter.
 */
import type { Compilable, CompiledQuery, Insertable, Kysely } from 'kysely';
import type { Database } from './schema.js';

/** Something statements run on: the database, or a transaction of it. */
export type Executor = Pick<Kysely<Database>, 'executeQuery'>;

/** A value bound at execution; stands in a built query for the parameter of this name. */
class Placeholder {
  constructor(readonly name: string) {}
}

type Slot = { placeholder: string } | { value: unknown };

export interface CompiledStatement<P, R> {
  /** Every row the statement returns. */
  rows(executor: Executor, params: P): Promise<R[]>;
  /** Its first row, if any. */
  first(executor: Executor, params: P): Promise<R | undefined>;
  /** Runs a write; returns how many rows it inserted, updated or deleted. */
  run(executor: Executor, params: P): Promise<number>;
}

export function compiledQuery<P extends object, R>(db: Kysely<Database>, build: (q: Kysely<Database>, p: P) => Compilable<R>): CompiledStatement<P, R> {
  let compiled: { query: CompiledQuery<R>; slots: Slot[] } | undefined;
  const compile = () => (compiled ??= compileWithPlaceholders(db, build));
  const execute = (executor: Executor, params: P) => {
    const { query, slots } = compile();
    const parameters = slots.map((s) => ('placeholder' in s ? valueOf(params as Record<string, unknown>, s.placeholder) : s.value));
    // The compiled query as Kysely made it, with this call's values: drivers read `sql` and `parameters`.
    return executor.executeQuery<R>({ ...query, parameters });
  };
  return {
    async rows(executor, params) {
      return (await execute(executor, params)).rows;
    },
    async first(executor, params) {
      return (await execute(executor, params)).rows[0];
    },
    async run(executor, params) {
      return Number((await execute(executor, params)).numAffectedRows ?? 0);
    },
  };
}

function valueOf(params: Record<string, unknown>, name: string): unknown {
  const value = params[name];
  // Kysely leaves a column out for `undefined`; a compiled statement cannot, so it is a caller's mistake.
  if (value === undefined) throw new Error(`compiledQuery: no value for placeholder ${name}`);
  return value;
}

function compileWithPlaceholders<P extends object, R>(db: Kysely<Database>, build: (q: Kysely<Database>, p: P) => Compilable<R>): { query: CompiledQuery<R>; slots: Slot[] } {
  const asked = new Set<string>();
  const placeholders = new Proxy({} as P, {
    get(_target, name) {
      if (typeof name !== 'string') return undefined;
      asked.add(name);
      return new Placeholder(name);
    },
  });
  const query = build(db, placeholders).compile();
  nameStatement(query.sql);
  const slots: Slot[] = query.parameters.map((v) => (v instanceof Placeholder ? { placeholder: v.name } : { value: v }));
  const bound = new Set(slots.flatMap((s) => ('placeholder' in s ? [s.placeholder] : [])));
  const lost = [...asked].filter((n) => !bound.has(n));
  // A placeholder Kysely did not bind (used as a list, or inspected while building) would run with the wrong value.
  if (lost.length > 0) throw new Error(`compiledQuery: placeholder(s) ${lost.join(', ')} not bound as parameters in: ${query.sql}`);
  return { query, slots };
}

/**
 * Every compiled statement's SQL, each with a name of its own. The set is bounded by the code
 * (one per statement written, per engine, per batch shape kept): PostgreSQL keeps a named
 * statement parsed and planned on each connection (postgres-prepared.ts), which would grow without
 * end for SQL made up at run time.
 */
const statementNames = new Map<string, string>();

function nameStatement(sql: string): void {
  if (!statementNames.has(sql)) statementNames.set(sql, `inbox_${statementNames.size + 1}`);
}

/** The name of a compiled statement's SQL; undefined for SQL not compiled here. */
export function compiledStatementName(sql: string): string | undefined {
  return statementNames.get(sql);
}

/**
 * Rows per multi-row INSERT so that its bound values stay under both engines' limits
 * (SQLite 32,766 since 3.32, PostgreSQL 65,535), with a margin.
 */
export function rowsPerInsert(columns: number): number {
  return Math.max(1, Math.floor(30_000 / columns));
}

/** Distinct row counts kept compiled per batch insert; a batch of another size compiles its own. */
const MAX_BATCH_SHAPES = 64;

/**
 * A multi-row INSERT of one table's columns, compiled once per number of rows and cut into
 * chunks under the parameter limits (`rowsPerInsert`). `onConflictDoNothing` names the key whose
 * clash leaves the stored row as it is (a re-run of the same job).
 */
export function compiledInsert<T extends keyof Database & string, C extends keyof Insertable<Database[T]> & string>(
  db: Kysely<Database>,
  table: T,
  columns: readonly C[],
  onConflictDoNothing?: readonly (keyof Database[T] & string)[],
) {
  type Row = Pick<Insertable<Database[T]>, C>;
  const chunk = rowsPerInsert(columns.length);
  const shapes = new Map<number, CompiledStatement<Record<string, unknown>, unknown>>();
  const statementFor = (count: number) => {
    let statement = shapes.get(count);
    if (!statement) {
      statement = compiledQuery(db, (q, p: Record<string, unknown>) => {
        const rows = Array.from({ length: count }, (_, i) => Object.fromEntries(columns.map((c) => [c, p[`${i}.${c}`]])));
        // Kysely's typing of a table chosen at run time is too loose to follow here; `Row` types the callers.
        const insert = q.insertInto(table).values(rows as never);
        return onConflictDoNothing ? insert.onConflict((oc) => oc.columns(onConflictDoNothing as never).doNothing()) : insert;
      });
      shapes.set(count, statement);
      if (shapes.size > MAX_BATCH_SHAPES) shapes.delete(shapes.keys().next().value!);
    }
    return statement;
  };
  return {
    /** Inserts the rows (in as few statements as the limits allow); returns how many were inserted. */
    async insert(executor: Executor, rows: readonly Row[]): Promise<number> {
      let inserted = 0;
      for (let start = 0; start < rows.length; start += chunk) {
        const part = rows.slice(start, start + chunk);
        const params: Record<string, unknown> = {};
        part.forEach((row, i) => {
          for (const c of columns) params[`${i}.${c}`] = (row as Record<string, unknown>)[c];
        });
        inserted += await statementFor(part.length).run(executor, params);
      }
      return inserted;
    },
  };
}
