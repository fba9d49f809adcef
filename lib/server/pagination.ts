import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';

/** Keyset pagination over (created_at desc, id desc): stable and fast at any depth. */
export type Page<T> = { items: T[]; nextCursor: string | null };

/** How many rows a page holds when a caller asks (the REST API's `?limit=`); screens keep their own size. */
export const pageLimitSchema = z.coerce
  .number('validation.invalid')
  .int('validation.invalid')
  .min(1, 'validation.invalid')
  .max(100, 'validation.invalid')
  .optional();

export type Cursor = { createdAt: Date; id: string };

export function encodeCursor(row: { createdAt: Date; id: string | number }): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString('base64url');
}

/**
 * A cursor comes back from the browser, so it may have been edited: anything that is not one
 * we wrote (a date Postgres cannot hold, an id of the wrong kind) starts from the first page.
 */
export function decodeCursor(cursor: string | undefined | null): Cursor | null {
  if (!cursor) return null;
  const [iso, id, ...rest] = Buffer.from(cursor, 'base64url').toString().split('|');
  const createdAt = new Date(iso ?? '');
  const year = createdAt.getUTCFullYear();
  if (!id || rest.length || Number.isNaN(createdAt.getTime()) || year < 1970 || year > 9999) return null;
  return { createdAt, id };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a cursor's id can be compared with the id column at all (uuid or integer keys). */
function idFits(idCol: AnyColumn, id: string | number): boolean {
  if (idCol.columnType === 'PgUUID') return typeof id === 'string' && UUID.test(id);
  if (idCol.dataType === 'number')
    return Number.isSafeInteger(typeof id === 'number' ? id : Number(id)) && /^\d+$/.test(String(id));
  return true;
}

export function afterCursor(
  createdAtCol: AnyColumn,
  idCol: AnyColumn,
  cursor: { createdAt: Date; id: string | number } | null,
): SQL | undefined {
  if (!cursor || !idFits(idCol, cursor.id)) return undefined;
  // A row comparison walks the (organization_id, created_at, id) index backward directly.
  return sql`(${createdAtCol}, ${idCol}) < (${cursor.createdAt.toISOString()}::timestamptz, ${cursor.id})`;
}

export function toPage<T extends { createdAt: Date; id: string | number }>(rows: T[], limit: number): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}
