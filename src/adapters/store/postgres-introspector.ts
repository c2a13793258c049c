/**
 * Kysely's PostgreSQL introspector, seeing the store's own schema only.
 *
 * The migrator asks whether its tables exist at every start, and Kysely's own introspector answers
 * by listing every table of every schema in the database, calling `pg_get_serial_sequence` on each
 * by name. A database shared with another schema (a second campaign, another application, the
 * test suite's schema per test) then fails the start whenever one of that schema's tables is
 * dropped while the list is read: the name resolves no more, and the migration fails with
 * `relation "other.table" does not exist`. Listing the current schema alone (the `search_path`'s
 * first, where the store's tables and its migration tables are) reads nothing another schema can
 * take away, and costs the same whatever else the database holds.
 */
import { PostgresIntrospector, sql, type DatabaseMetadataOptions, type Kysely, type TableMetadata } from 'kysely';

interface ColumnRow {
  table: string;
  schema: string;
  is_view: boolean;
  column: string | null;
  type: string | null;
  type_schema: string | null;
  not_null: boolean | null;
  has_default: boolean | null;
  auto_incrementing: boolean | null;
  comment: string | null;
}

const KYSELY_TABLE = /^kysely_migration/;

export class CurrentSchemaIntrospector extends PostgresIntrospector {
  readonly #db: Kysely<unknown>;

  constructor(db: Kysely<unknown>) {
    super(db);
    this.#db = db;
  }

  override async getTables(options: DatabaseMetadataOptions = { withInternalKyselyTables: false }): Promise<TableMetadata[]> {
    // One row per column, and one with no column for a table that has none; the serial sequence
    // is looked up by the table's oid, never by a name that may be gone by then.
    const { rows } = await sql<ColumnRow>`
      select c.relname as "table", ns.nspname as "schema", c.relkind in ('v', 'm') as is_view,
             a.attname as "column", typ.typname as "type", tns.nspname as type_schema,
             a.attnotnull as not_null, a.atthasdef as has_default,
             exists (select 1 from pg_catalog.pg_depend d join pg_catalog.pg_class seq on seq.oid = d.objid and seq.relkind = 'S'
                      where d.refobjid = c.oid and d.refobjsubid = a.attnum
                        and d.classid = 'pg_catalog.pg_class'::regclass and d.deptype in ('a', 'i')) as auto_incrementing,
             col_description(c.oid, a.attnum) as "comment"
        from pg_catalog.pg_class c
        join pg_catalog.pg_namespace ns on ns.oid = c.relnamespace
        left join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
        left join pg_catalog.pg_type typ on typ.oid = a.atttypid
        left join pg_catalog.pg_namespace tns on tns.oid = typ.typnamespace
       where ns.nspname = current_schema() and c.relkind in ('r', 'p', 'v', 'm')
       order by c.relname, a.attnum`.execute(this.#db);

    const tables = new Map<string, { name: string; schema: string; isView: boolean; columns: TableMetadata['columns'][number][] }>();
    for (const r of rows) {
      if (!options.withInternalKyselyTables && KYSELY_TABLE.test(r.table)) continue;
      let table = tables.get(r.table);
      if (!table) tables.set(r.table, (table = { name: r.table, schema: r.schema, isView: r.is_view, columns: [] }));
      if (r.column === null) continue;
      table.columns.push({
        name: r.column,
        dataType: r.type ?? '',
        ...(r.type_schema ? { dataTypeSchema: r.type_schema } : {}),
        isNullable: !r.not_null,
        isAutoIncrementing: r.auto_incrementing === true,
        hasDefaultValue: r.has_default === true,
        comment: r.comment ?? undefined,
      });
    }
    return [...tables.values()];
  }
}
