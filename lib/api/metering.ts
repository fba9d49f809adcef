import { AsyncLocalStorage } from 'node:async_hooks';
import { inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { apiCalls, apiKeys } from '@/db/schema';

/** One fixed one-minute window per key, counted in this process. */
type QuotaWindow = { startedAt: number; count: number };
const quotaWindows = new Map<string, QuotaWindow>();
const QUOTA_WINDOW_MS = 60_000;

/**
 * One fixed one-minute window per key. Over the key's limit: refused with the seconds until the
 * window turns (a 429 with Retry-After). Counted in memory: the web app is one process, and a
 * counter row in PostgreSQL (as sign-in uses) put every call of a busy key in line behind one
 * row lock and its commit. A restart starts the window again.
 */
export function consumeApiQuota(
  key: { id: string; rateLimitPerMinute: number },
  now = Date.now(),
): { ok: true } | { ok: false; retryAfterSeconds: number } {
  let window = quotaWindows.get(key.id);
  if (!window || now - window.startedAt >= QUOTA_WINDOW_MS) {
    if (quotaWindows.size >= 10_000) forgetEndedWindows(now);
    window = { startedAt: now, count: 0 };
    quotaWindows.set(key.id, window);
  }
  window.count++;
  if (window.count <= key.rateLimitPerMinute) return { ok: true };
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((window.startedAt + QUOTA_WINDOW_MS - now) / 1000)) };
}

function forgetEndedWindows(now: number) {
  for (const [id, w] of quotaWindows) if (now - w.startedAt >= QUOTA_WINDOW_MS) quotaWindows.delete(id);
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

type ApiCall = {
  orgId: string;
  apiKeyId: string;
  method: string;
  path: string;
  operation: string | null;
  status: number;
  durationMs: number;
  ip: string | null;
};

const callRow = (c: ApiCall) => ({
  organizationId: c.orgId,
  apiKeyId: c.apiKeyId,
  method: c.method,
  path: c.path.slice(0, 500),
  operation: c.operation,
  status: c.status,
  durationMs: Math.round(c.durationMs),
  ip: c.ip,
});

/** One API call in the call log (the key's page lists them), written now. */
export async function recordApiCall(db: Db, c: ApiCall) {
  await db.insert(apiCalls).values(callRow(c));
}

/**
 * The calls of the last half second, written together: an insert (and its commit) per call was
 * the busiest write under load. At most half a second of log is lost if the process dies; past
 * 20,000 unwritten calls (the database away) the oldest go, and a line says how many.
 */
const pendingCalls: ReturnType<typeof callRow>[] = [];
let flushTimer: NodeJS.Timeout | null = null;
const CALL_FLUSH_MS = 500;
const CALL_FLUSH_AT = 500;
const CALL_PENDING_MAX = 20_000;

let flushing: Promise<void> | null = null;

export function queueApiCall(db: Db, c: ApiCall) {
  pendingCalls.push(callRow(c));
  if (pendingCalls.length > CALL_PENDING_MAX) {
    const dropped = pendingCalls.splice(0, pendingCalls.length - CALL_PENDING_MAX).length;
    console.error(`api call log: ${dropped} calls dropped, the database has not taken them`);
  }
  if (pendingCalls.length >= CALL_FLUSH_AT) void flushApiCalls(db);
  else scheduleFlush(db, CALL_FLUSH_MS);
}

function scheduleFlush(db: Db, ms: number) {
  if (flushTimer || flushing) return;
  flushTimer = setTimeout(() => void flushApiCalls(db), ms);
  flushTimer.unref();
}

/**
 * Writes the queued calls now, one write at a time: a write under way is waited for, then what
 * came meanwhile is written too (tests read the log right after their calls).
 */
export async function flushApiCalls(db: Db): Promise<void> {
  while (flushing) await flushing;
  if (flushTimer) clearTimeout(flushTimer);
  flushTimer = null;
  if (pendingCalls.length === 0) return;
  flushing = writeQueuedCalls(db).finally(() => {
    flushing = null;
    if (pendingCalls.length > 0) scheduleFlush(db, CALL_FLUSH_MS);
  });
  await flushing;
}

async function writeQueuedCalls(db: Db) {
  let left = pendingCalls.length;
  while (left > 0) {
    const rows = pendingCalls.splice(0, Math.min(left, CALL_FLUSH_AT));
    left -= rows.length;
    try {
      await db.insert(apiCalls).values(rows);
    } catch (error) {
      // Kept for the next try, but for calls whose key was deleted meanwhile (their foreign key
      // fails the whole insert).
      const known = await keysStillThere(db, rows);
      pendingCalls.unshift(...rows.filter((r) => known.has(r.apiKeyId)));
      console.error('api call log: could not write, will try again', error);
      return;
    }
  }
}

async function keysStillThere(db: Db, rows: { apiKeyId: string }[]): Promise<Set<string>> {
  try {
    const ids = [...new Set(rows.map((r) => r.apiKeyId))];
    const found = await db.select({ id: apiKeys.id }).from(apiKeys).where(inArray(apiKeys.id, ids));
    return new Set(found.map((k) => k.id));
  } catch {
    return new Set(rows.map((r) => r.apiKeyId));
  }
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
