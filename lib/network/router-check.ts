import type { Database } from '@/db/client';
import type { RouterAccess, RouterRef } from './router-access';
import { readRouterState } from './router-ops';
import { saveRouterState } from './router-status';
import { RouterError } from './routeros/errors';

/**
 * "Test connection" and "refresh" (the `router-check` job): log in (fresh when asked), read
 * identity, resources, interfaces and sessions, and store them. A failure is the answer, not
 * an error: the result names it (refused, timeout, bad login, TLS) and the router shows offline.
 */
export async function checkRouter(db: Database, access: RouterAccess, p: RouterRef & { fresh?: boolean }) {
  const started = Date.now();
  try {
    const state = await access.use(p, (api) => readRouterState(api));
    await saveRouterState(db, { orgId: p.orgId, routerId: p.routerId, ...state });
    const s = state.snapshot;
    return {
      ok: true,
      ms: Date.now() - started,
      identity: s.identity,
      version: s.version,
      board: s.board,
      uptime: s.uptime,
      cpuLoad: s.cpuLoad,
      freeMemory: s.freeMemory,
      totalMemory: s.totalMemory,
      pppActive: s.pppActive,
      hotspotActive: s.hotspotActive,
    };
  } catch (error) {
    if (!(error instanceof RouterError)) throw error;
    return { ok: false, ms: Date.now() - started, errorKind: error.kind, message: error.message };
  }
}
