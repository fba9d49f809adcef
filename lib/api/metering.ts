import { AsyncLocalStorage } from 'node:async_hooks';
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { apiCalls, apiKeys } from '@/db/schema';

/**
 * One fixed one-minute window per key (`api_rate_windows` is not needed: the sign-in counters'
 * table serves, keyed `api:<key id>`). Over the key's limit: refused with the seconds until the
 * window turns (a 429 with Retry-After).
 */
export async function consumeApiQuota(
  db: Db,
  key: { id: string; rateLimitPerMinute: number },
): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }> {
  const rows = await db.execute<{ count: number; reset_in: number }>(sql`
    insert into login_attempts (key, window_start, count) values (${`api:${key.id}`}, now(), 1)
    on conflict (key) do update set
      count = case when login_attempts.window_start < now() - interval '1 minute' then 1 else login_attempts.count + 1 end,
      window_start = case when login_attempts.window_start < now() - interval '1 minute' then now() else login_attempts.window_start end
    returning count, ceil(extract(epoch from (window_start + interval '1 minute' - now())))::int as reset_in`);
  const row = rows[0];
  if (Number(row?.count ?? 0) <= key.rateLimitPerMinute) return { ok: true };
  return { ok: false, retryAfterSeconds: Math.max(1, Number(row?.reset_in ?? 60)) };
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
