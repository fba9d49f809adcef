import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Sql, TransactionSql } from 'postgres';

/** A connection or a transaction (the backup counts rows inside its snapshot's transaction). */
type Conn = Sql | TransactionSql;

/** The committed drizzle migrations (the same folder scripts/migrate-lib.ts applies). */
export const MIGRATIONS_DIR = path.join(process.cwd(), 'db', 'migrations');

/**
 * The tables pg_dump writes rows for: ordinary tables (a partitioned table's rows are in its
 * partitions) outside the system schemas, not an extension's own.
 */
const DUMPED_TABLES = `
  select n.nspname as schema, c.relname as name
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where c.relkind = 'r'
    and n.nspname not in ('pg_catalog', 'information_schema')
    and n.nspname not like 'pg\\_toast%' and n.nspname not like 'pg\\_temp%'
    and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
  order by 1, 2`;

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Row count per table (`schema.table`), exact, in the caller's snapshot. */
export async function tableRowCounts(sql: Conn): Promise<Record<string, number>> {
  const tables = await sql.unsafe<{ schema: string; name: string }[]>(DUMPED_TABLES);
  const found = new Map<string, number>();
  // One statement per 50 tables: a few round trips, and no statement of thousands of lines.
  for (let i = 0; i < tables.length; i += 50) {
    const parts = tables
      .slice(i, i + 50)
      .map(
        (t) =>
          `select ${sqlText(`${t.schema}.${t.name}`)} as t, count(*)::bigint as n from only ${quote(t.schema)}.${quote(t.name)}`,
      );
    for (const row of await sql.unsafe<{ t: string; n: string }[]>(parts.join(' union all ')))
      found.set(row.t, Number(row.n));
  }
  // In the catalogue's order (schema, table): the dry run lists them so.
  return Object.fromEntries(tables.map((t) => [`${t.schema}.${t.name}`, found.get(`${t.schema}.${t.name}`) ?? 0]));
}

const sqlText = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** How many tables a database has outside the system schemas (0: a fresh, empty database). */
export async function countUserTables(sql: Conn): Promise<number> {
  const [row] = await sql.unsafe<{ n: string }[]>(`select count(*) as n from (${DUMPED_TABLES}) t`);
  return Number(row!.n);
}

type JournalEntry = { idx: number; when: number; tag: string };

function journal(migrationsDir: string): JournalEntry[] {
  return JSON.parse(readFileSync(path.join(migrationsDir, 'meta', '_journal.json'), 'utf8')).entries;
}

/** The latest migration the committed journal holds (the tag, e.g. `0026_integrations`). */
export function latestMigration(migrationsDir = MIGRATIONS_DIR): string | null {
  return journal(migrationsDir).at(-1)?.tag ?? null;
}

/**
 * The last drizzle migration applied to a database, by its tag when this checkout's journal
 * knows it (drizzle records the journal's `when`), else `unknown-<when>`; null before any.
 */
export async function appliedMigration(
  sql: Conn,
  migrationsDir = MIGRATIONS_DIR,
): Promise<{ tag: string | null; count: number }> {
  const [exists] = await sql`select to_regclass('drizzle.__drizzle_migrations') is not null as ok`;
  if (!exists?.ok) return { tag: null, count: 0 };
  const rows = await sql<{ when: string }[]>`
    select created_at::text as when from drizzle.__drizzle_migrations order by created_at desc`;
  if (rows.length === 0) return { tag: null, count: 0 };
  const when = Number(rows[0]!.when);
  const known = journal(migrationsDir).find((e) => e.when === when);
  return { tag: known?.tag ?? `unknown-${when}`, count: rows.length };
}
