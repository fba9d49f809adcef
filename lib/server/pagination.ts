import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

/** Keyset pagination over (created_at desc, id desc): stable and fast at any depth. */
export type Page<T> = { items: T[]; nextCursor: string | null };

export type Cursor = { createdAt: Date; id: string };

export function encodeCursor(row: { createdAt: Date; id: string | number }): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString('base64url');
}

export function decodeCursor(cursor: string | undefined | null): Cursor | null {
  if (!cursor) return null;
  const [iso, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const createdAt = new Date(iso ?? '');
  return id && !Number.isNaN(createdAt.getTime()) ? { createdAt, id } : null;
}

export function afterCursor(
  createdAtCol: AnyColumn,
  idCol: AnyColumn,
  cursor: { createdAt: Date; id: string | number } | null,
): SQL | undefined {
  if (!cursor) return undefined;
  // A row comparison walks the (organization_id, created_at, id) index backward directly.
  return sql`(${createdAtCol}, ${idCol}) < (${cursor.createdAt.toISOString()}::timestamptz, ${cursor.id})`;
}

export function toPage<T extends { createdAt: Date; id: string | number }>(rows: T[], limit: number): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}
