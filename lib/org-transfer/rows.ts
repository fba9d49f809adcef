import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { csvCell } from '@/lib/server/csv';
import type { PlannedTable } from './graph';
import type { Row } from './plan';

export type Scope = { orgId: string; slug: string };

/** Which rows of a table are the organization's (`t` is the table). */
export function scopeOf(t: PlannedTable, p: Scope): SQL {
  if (t.where) return t.where(p);
  if (t.parent && t.through)
    return sql`t.${sql.identifier(t.through)} in (select ${sql.identifier(t.parent.column)} from ${sql.identifier(t.parent.table)} where organization_id = ${p.orgId})`;
  return sql`t.organization_id = ${p.orgId}`;
}

export async function countRows(db: Db, t: PlannedTable, p: Scope): Promise<number> {
  const [row] = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from ${sql.identifier(t.name)} t where ${scopeOf(t, p)}`,
  );
  return Number(row?.n ?? 0);
}

const BATCH = 1000;

/**
 * The table's rows as row_to_json text, in key order, a thousand at a time through a cursor
 * (inside the export's one snapshot transaction): the database names, types as JSON gives
 * them (timestamps with their offset, jsonb as objects), and no row held longer than its batch.
 */
export async function* rowsOf(db: Db, t: PlannedTable, p: Scope): AsyncGenerator<string[]> {
  const order = sql.join(
    t.key.map((k) => sql`t.${sql.identifier(k)}`),
    sql`, `,
  );
  await db.execute(
    sql`declare org_export_rows no scroll cursor for select row_to_json(t)::text as j from ${sql.identifier(t.name)} t where ${scopeOf(t, p)} order by ${order}`,
  );
  try {
    for (;;) {
      const batch = await db.execute<{ j: string }>(sql.raw(`fetch ${BATCH} from org_export_rows`));
      if (batch.length === 0) return;
      yield [...batch].map((r) => r.j);
    }
  } finally {
    await db.execute(sql`close org_export_rows`);
  }
}

/**
 * Rows that point at rows of their own table (a shelf's warehouse, a site's parent), parents
 * first: the import inserts them in this order, so no row waits for one that comes later.
 */
export function parentsFirst(rows: Row[], selfRefs: { column: string; parent: string }[]): Row[] {
  if (selfRefs.length === 0) return rows;
  const byKey = new Map(rows.map((r) => [String(r[selfRefs[0]!.parent]), r]));
  const out: Row[] = [];
  const placed = new Set<Row>();
  const visiting = new Set<Row>();
  const place = (row: Row) => {
    if (placed.has(row) || visiting.has(row)) return;
    visiting.add(row);
    for (const ref of selfRefs) {
      const parent = row[ref.column] === null ? undefined : byKey.get(String(row[ref.column]));
      if (parent && parent !== row) place(parent);
    }
    visiting.delete(row);
    placed.add(row);
    out.push(row);
  };
  for (const row of rows) place(row);
  return out;
}

/** The CSV of a main table: every column but the secret ones, a BOM so spreadsheets read UTF-8. */
export function csvHeader(t: PlannedTable): { columns: string[]; line: string } {
  const columns = t.columns.map((c) => c.name).filter((c) => !(c in t.secretColumns));
  return { columns, line: `\uFEFF${columns.map((c) => csvCell(c)).join(',')}\r\n` };
}

export function csvLine(row: Row, columns: string[]): string {
  return `${columns
    .map((c) => {
      const v = row[c];
      if (v === null || v === undefined) return '';
      if (typeof v === 'number') return csvCell(v);
      if (typeof v === 'string') return csvCell(v);
      return csvCell(typeof v === 'boolean' ? String(v) : JSON.stringify(v));
    })
    .join(',')}\r\n`;
}
