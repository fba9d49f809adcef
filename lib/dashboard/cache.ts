/**
 * A short in-memory cache for the dashboard's aggregates, per organization and role: the
 * start page is opened far more often than the numbers move, and a minute-old figure is good
 * enough there (lists and reports always read live). One process, so no shared store; each
 * Next.js server instance warms its own.
 */
export const DASHBOARD_TTL_MS = 45_000;
const MAX_ENTRIES = 500;

type Entry = { expires: number; value: Promise<unknown> };
const entries = new Map<string, Entry>();
let clock = () => Date.now();

export async function cachedDashboard<T>(key: string, load: () => Promise<T>, ttlMs = DASHBOARD_TTL_MS): Promise<T> {
  const now = clock();
  const hit = entries.get(key);
  if (hit && hit.expires > now) return hit.value as Promise<T>;
  if (entries.size >= MAX_ENTRIES) {
    for (const [k, e] of entries) if (e.expires <= now) entries.delete(k);
    if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  }
  // The promise is cached, so concurrent first visits share one set of queries; a failure
  // is not kept.
  const value = load();
  entries.set(key, { expires: now + ttlMs, value });
  value.catch(() => entries.delete(key));
  return value;
}

/** Tests: forget everything, and optionally read time from a fake clock. */
export function resetDashboardCache(now?: () => number) {
  entries.clear();
  clock = now ?? (() => Date.now());
}
