import { AsyncLocalStorage } from 'node:async_hooks';
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { apiCalls, apiKeys } from '@/db/schema';
import { countInWindow } from '@/lib/auth/rate-limit';

/**
 * One fixed one-minute window per key, in the sign-in counters' table (lib/auth/rate-limit.ts,
 * keyed `api:<key id>`). Over the key's limit: refused with the seconds until the window turns
 * (a 429 with Retry-After).
 */
export async function consumeApiQuota(
  db: Db,
  key: { id: string; rateLimitPerMinute: number },
): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }> {
  const { count, resetInSeconds } = await countInWindow(db, `api:${key.id}`, 1);
  if (count <= key.rateLimitPerMinute) return { ok: true };
  return { ok: false, retryAfterSeconds: Math.max(1, resetInSeconds) };
}

/**
 * Stamps a key's "last used" (time and address) at most once a minute: at 100 calls a second
 * an update per call would queue every request behind one hot row. The condition sits in the
 * update itself, so concurrent calls in the same minute write nothing. The API route calls it
 * after authenticating.
 */
export async function touchApiKey(
  db: Db,
  key: { id: string; lastUsedAt: Date | null },
  ip: string | null,
  now = new Date(),
): Promise<boolean> {
  if (key.lastUsedAt && now.getTime() - key.lastUsedAt.getTime() < 60_000) return false;
  const rows = await db.execute(sql`
    update ${apiKeys} set last_used_at = ${now.toISOString()}::timestamptz, last_used_ip = ${ip}
    where id = ${key.id} and (last_used_at is null or last_used_at <= ${now.toISOString()}::timestamptz - interval '1 minute')
    returning id`);
  return rows.length > 0;
}

/** One API call in the call log (the key's page lists them). */
export async function recordApiCall(
  db: Db,
  c: {
    orgId: string;
    apiKeyId: string;
    method: string;
    path: string;
    operation: string | null;
    status: number;
    durationMs: number;
    ip: string | null;
  },
) {
  await db.insert(apiCalls).values({
    organizationId: c.orgId,
    apiKeyId: c.apiKeyId,
    method: c.method,
    path: c.path.slice(0, 500),
    operation: c.operation,
    status: c.status,
    durationMs: Math.round(c.durationMs),
    ip: c.ip,
  });
}

/**
 * The API key a change is made with, for the audit rows written while it runs: recordAudit
 * (lib/audit/record.ts) reads it, so no mutation needs to pass it along.
 */
const apiKeyOfCall = new AsyncLocalStorage<string>();

export function withApiKey<T>(apiKeyId: string, run: () => Promise<T>): Promise<T> {
  return apiKeyOfCall.run(apiKeyId, run);
}

export function currentApiKeyId(): string | null {
  return apiKeyOfCall.getStore() ?? null;
}
