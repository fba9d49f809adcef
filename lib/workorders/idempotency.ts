import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { idempotencyKeys } from '@/db/schema';

/** The phone app's steps share one scope: each key is a uuid the phone made for one step. */
const SCOPE = 'field';

class Repeated extends Error {}

/** The answer already given for this key, if any. */
export async function storedAnswer(db: Db, p: { orgId: string; key: string }) {
  const [row] = await db
    .select({ response: idempotencyKeys.response })
    .from(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.organizationId, p.orgId),
        eq(idempotencyKeys.scope, SCOPE),
        eq(idempotencyKeys.key, p.key),
      ),
    );
  return row ? { response: row.response } : null;
}

/**
 * Runs `work` once per key: a repeat (the phone resending after a lost answer, or its offline
 * queue flushing twice) gets the stored answer back. The answer is stored in the same
 * transaction as the change; when two copies race, the later one finds the key taken on
 * insert, rolls its own change back and returns the first one's answer. A failure that throws
 * (bad input, a missing photo) stores nothing, so the phone can fix it and send the key again.
 */
export async function onceByKey<T>(db: Db, p: { orgId: string; key: string }, work: (tx: Db) => Promise<T>) {
  const stored = await storedAnswer(db, p);
  if (stored) return stored.response as T;
  try {
    return await db.transaction(async (tx) => {
      const answer = await work(tx);
      const [row] = await tx
        .insert(idempotencyKeys)
        .values({ organizationId: p.orgId, scope: SCOPE, key: p.key, response: answer as object })
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
