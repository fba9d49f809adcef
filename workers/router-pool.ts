import type { Db } from '@/db/client';
import { env } from '@/lib/env';
import type { RouterAccess } from '@/lib/network/router-access';
import { markRouterOffline, markRouterOnline } from '@/lib/network/router-status';
import { RouterConnection } from '@/lib/network/routeros/client';
import { RouterError } from '@/lib/network/routeros/errors';
import { RouterPool } from '@/lib/network/routeros/pool';
import { routerConnectionSettings } from '@/lib/network/routers';

let pool: RouterPool | null = null;

/** The worker's one pool of router connections (created on first use). */
export function routerPool(): RouterPool {
  pool ??= new RouterPool({
    connectTimeoutMs: env().ROUTER_CONNECT_TIMEOUT_MS,
    commandTimeoutMs: env().ROUTER_COMMAND_TIMEOUT_MS,
  });
  return pool;
}

export async function closeRouterPool() {
  await pool?.closeAll();
  pool = null;
}

// A burst of jobs for one router reads its settings once every few seconds, not per job.
const settingsCache = new Map<string, { at: number; value: Awaited<ReturnType<typeof routerConnectionSettings>> }>();
const SETTINGS_TTL_MS = 5_000;

async function settingsFor(db: Db, p: { orgId: string; routerId: string; fresh?: boolean }) {
  const key = `${p.orgId}:${p.routerId}`;
  const cached = settingsCache.get(key);
  if (!p.fresh && cached && Date.now() - cached.at < SETTINGS_TTL_MS) return cached.value;
  const value = await routerConnectionSettings(db, p);
  settingsCache.set(key, { at: Date.now(), value });
  return value;
}

// Marking a router online is one UPDATE; a burst of jobs does it once per interval.
const markedOnline = new Map<string, number>();
const MARK_EVERY_MS = 30_000;

/**
 * Runs `fn` on the router's pooled connection. A connection failure marks the router
 * offline (with the reason) and is rethrown, so the job retries with backoff; success
 * marks it online, which also wakes jobs that were waiting for it.
 */
async function withRouter<T>(
  db: Db,
  p: { orgId: string; routerId: string; fresh?: boolean },
  fn: (api: RouterConnection, router: Awaited<ReturnType<typeof routerConnectionSettings>>['router']) => Promise<T>,
): Promise<T> {
  const { router, connect } = await settingsFor(db, p);
  try {
    // "Test connection" logs in on a connection of its own: the pooled one keeps serving jobs.
    const result = p.fresh
      ? await once(connect, (api) => fn(api, router))
      : await routerPool().use(router.id, connect, (api) => fn(api, router));
    const last = markedOnline.get(router.id);
    if (last === undefined || Date.now() - last > MARK_EVERY_MS) {
      markedOnline.set(router.id, Date.now());
      await markRouterOnline(db, p);
    }
    return result;
  } catch (error) {
    if (error instanceof RouterError && error.kind !== 'trap') {
      markedOnline.delete(router.id);
      await markRouterOffline(db, { ...p, error });
    }
    throw error;
  }
}

async function once<T>(
  connect: Parameters<typeof RouterConnection.open>[0],
  fn: (api: RouterConnection) => Promise<T>,
): Promise<T> {
  const conn = await RouterConnection.open({
    ...connect,
    connectTimeoutMs: env().ROUTER_CONNECT_TIMEOUT_MS,
    commandTimeoutMs: env().ROUTER_COMMAND_TIMEOUT_MS,
  });
  try {
    return await fn(conn);
  } finally {
    await conn.close();
  }
}

/** The routers as lib reaches them (lib/network/router-access.ts), through this pool. */
export function routerAccess(db: Db): RouterAccess {
  return {
    settings: async (p) => (await settingsFor(db, p)).router,
    use: (p, fn) => withRouter(db, p, fn),
  };
}
