import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { apiIdempotency } from '@/db/schema';

export const IDEMPOTENCY_KEY_MAX = 255;

/** What a request is, for telling a retry from a different request under the same key. */
export function requestHash(method: string, path: string, body: string): string {
  return createHash('sha256').update(`${method} ${path}\n${body}`).digest('hex');
}

export type Claim =
  | { kind: 'first' }
  | { kind: 'replay'; status: number; body: unknown }
  | { kind: 'in_progress' }
  | { kind: 'mismatch' };

/**
 * Claims an Idempotency-Key for this request before the operation runs. The operation commits
 * in its own transaction, so the key row cannot share it: the row is written first with no
 * status (a concurrent duplicate sees it and is told the first is still running), then
 * `settleIdempotency` fills in the answer, or `releaseIdempotency` drops it when the request
 * failed in a way a retry may fix.
 */
export async function claimIdempotency(
  db: Db,
  p: { orgId: string; apiKeyId: string; key: string; hash: string },
): Promise<Claim> {
  const inserted = await db
    .insert(apiIdempotency)
    .values({ apiKeyId: p.apiKeyId, key: p.key, organizationId: p.orgId, requestHash: p.hash })
    .onConflictDoNothing()
    .returning({ key: apiIdempotency.key });
  if (inserted.length) return { kind: 'first' };
  const [row] = await db
    .select()
    .from(apiIdempotency)
    .where(and(eq(apiIdempotency.apiKeyId, p.apiKeyId), eq(apiIdempotency.key, p.key)));
  // Released between our insert and this read: the caller may simply retry.
  if (!row) return { kind: 'in_progress' };
  if (row.requestHash !== p.hash) return { kind: 'mismatch' };
  if (row.status === null) return { kind: 'in_progress' };
  return { kind: 'replay', status: row.status, body: row.body };
}

export async function settleIdempotency(db: Db, p: { apiKeyId: string; key: string; status: number; json: string }) {
  await db
    .update(apiIdempotency)
    .set({ status: p.status, body: sql`${p.json}::jsonb` })
    .where(and(eq(apiIdempotency.apiKeyId, p.apiKeyId), eq(apiIdempotency.key, p.key)));
}

export async function releaseIdempotency(db: Db, p: { apiKeyId: string; key: string }) {
  await db.delete(apiIdempotency).where(and(eq(apiIdempotency.apiKeyId, p.apiKeyId), eq(apiIdempotency.key, p.key)));
}
