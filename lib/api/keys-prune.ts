import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';

/** How long each record of API traffic is kept. */
export const RETENTION = {
  /** The call log a key's page shows. */
  apiCallsDays: 90,
  /** An Idempotency-Key's stored answer: a client retries within minutes, not days. */
  apiIdempotencyHours: 24,
  /** The field app's offline queue: a phone may stay offline for days, never for a month. */
  fieldIdempotencyDays: 30,
} as const;

/** Rows per delete: a busy API logs millions of calls a day; one huge delete would hold locks and bloat WAL at once. */
const BATCH = 10_000;

async function deleteInBatches(db: Db, statement: () => SQL) {
  let total = 0;
  for (;;) {
    const rows = await db.execute(statement());
    total += rows.length;
    if (rows.length < BATCH) return total;
  }
}

/**
 * The API's housekeeping (workers/api-tick.ts, hourly): calls older than 90 days, idempotency
 * answers older than 24 hours, the field app's idempotency keys older than 30 days (nothing
 * else prunes them), and the quota windows of keys idle for a day. Each by its created_at
 * index, in batches.
 */
export async function pruneApiRecords(db: Db) {
  const calls = await deleteInBatches(
    db,
    () => sql`delete from api_calls where id in (
      select id from api_calls where created_at < now() - make_interval(days => ${RETENTION.apiCallsDays})
      limit ${BATCH}) returning id`,
  );
  const idempotency = await deleteInBatches(
    db,
    () => sql`delete from api_idempotency where (api_key_id, key) in (
      select api_key_id, key from api_idempotency
      where created_at < now() - make_interval(hours => ${RETENTION.apiIdempotencyHours}) limit ${BATCH})
      returning key`,
  );
  const fieldIdempotency = await deleteInBatches(
    db,
    () => sql`delete from idempotency_keys where (organization_id, scope, key) in (
      select organization_id, scope, key from idempotency_keys
      where created_at < now() - make_interval(days => ${RETENTION.fieldIdempotencyDays}) limit ${BATCH})
      returning key`,
  );
  return { calls, idempotency, fieldIdempotency };
}
