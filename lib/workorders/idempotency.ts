import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { idempotencyKeys } from '@/db/schema';
import { AppError } from '@/lib/server/errors';

/**
 * Each key is a uuid the phone made for one step. Keys are scoped to the organization and the
 * user who sent them, so one member's key can never fetch (or block) another's answer, and the
 * key is bound to what it was first used for: the same key with a different step is refused
 * (`idempotency_key_reused`, 422) instead of answering for something it did not do.
 * Retention: rows are small and kept; a cleanup of keys older than the outbox can hold an item
 * (weeks) is safe and is left to a maintenance job.
 */
export type KeyScope = {
  orgId: string;
  userId: string;
  key: string;
  /** What the key stands for: the step's kind, its work order and its body (or a digest of the file). */
  request: { kind: string; workOrderId: string; body: unknown };
};

const scopeOf = (userId: string) => `field:${userId}`;

/** A stable digest of the request: keys of objects sorted, so field order does not matter. */
export function requestHash(request: KeyScope['request']): string {
  const stable = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(stable)
      : v && typeof v === 'object' && !(v instanceof Date)
        ? Object.fromEntries(
            Object.entries(v as Record<string, unknown>)
              .filter(([, x]) => x !== undefined)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([k, x]) => [k, stable(x)]),
          )
        : v;
  return createHash('sha256')
    .update(JSON.stringify(stable([request.kind, request.workOrderId, request.body])))
    .digest('hex');
}

/** A digest of a file's bytes, to put in a request body. */
export const bytesDigest = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

class Repeated extends Error {}

/** The answer already given for this key, if any; a key first used for something else is refused. */
export async function storedAnswer(db: Db, p: KeyScope) {
  const [row] = await db
    .select({ response: idempotencyKeys.response, requestHash: idempotencyKeys.requestHash })
    .from(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.organizationId, p.orgId),
        eq(idempotencyKeys.scope, scopeOf(p.userId)),
        eq(idempotencyKeys.key, p.key),
      ),
    );
  if (!row) return null;
  if (row.requestHash && row.requestHash !== requestHash(p.request)) throw new AppError('idempotency_key_reused');
  return { response: row.response };
}

/**
 * Runs `work` once per key: a repeat (the phone resending after a lost answer, or its offline
 * queue flushing twice) gets the stored answer back. The answer is stored in the same
 * transaction as the change; when two copies race, the later one finds the key taken on
 * insert, rolls its own change back and returns the first one's answer. A failure that throws
 * (bad input, a missing photo) stores nothing, so the phone can fix it and send the key again.
 */
export async function onceByKey<T>(db: Db, p: KeyScope, work: (tx: Db) => Promise<T>) {
  const stored = await storedAnswer(db, p);
  if (stored) return stored.response as T;
  try {
    return await db.transaction(async (tx) => {
      const answer = await work(tx);
      const [row] = await tx
        .insert(idempotencyKeys)
        .values({
          organizationId: p.orgId,
          scope: scopeOf(p.userId),
          key: p.key,
          requestHash: requestHash(p.request),
          response: answer as object,
        })
        .onConflictDoNothing()
        .returning({ key: idempotencyKeys.key });
      if (!row) throw new Repeated();
      return answer;
    });
  } catch (error) {
    if (!(error instanceof Repeated)) throw error;
    const again = await storedAnswer(db, p);
    return again!.response as T;
  }
}
