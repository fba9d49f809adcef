import { z } from 'zod';
import { defineJob } from '@/lib/jobs/runtime';
import { readRouterState } from '@/lib/network/router-ops';
import { saveRouterState } from '@/lib/network/router-status';
import { RouterError } from '@/lib/network/routeros/errors';
import { withRouter } from '../router-pool';

/**
 * "Test connection" and "refresh": log in (fresh when asked), read identity, resources,
 * interfaces and sessions, and store them. A failure is the answer, not a job error: the
 * result names it (refused, timeout, bad login, TLS) and the router shows offline.
 */
export const routerCheck = defineJob({
  name: 'router-check',
  payload: z.object({ routerId: z.string().uuid(), fresh: z.boolean().optional() }),
  async handler(ctx, payload) {
    const started = Date.now();
    try {
      const state = await withRouter(ctx.db, { orgId: ctx.orgId, routerId: payload.routerId, fresh: payload.fresh }, (api) => readRouterState(api));
      await saveRouterState(ctx.db, { orgId: ctx.orgId, routerId: payload.routerId, ...state });
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
  },
});
