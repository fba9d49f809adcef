import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { routers, subscriptions } from '@/db/schema';
import { PermanentJobError, defineJob } from '@/lib/jobs/runtime';
import { provisionRouterRadius } from '@/lib/network/radius/provision';
import { loadDesiredState, syncRouter } from '@/lib/network/router-sync';
import { withRouter } from '../router-pool';

/** Reconciles a router (or one subscription on it) with the database; the result is the report. */
export const routerSync = defineJob({
  name: 'router-sync',
  payload: z.object({ routerId: z.string().uuid(), subscriptionId: z.string().uuid().optional(), removeExtra: z.boolean().default(false) }),
  async handler(ctx, payload) {
    let onlyName: string | undefined;
    if (payload.subscriptionId) {
      const [sub] = await ctx.db
        .select({ username: subscriptions.serviceUsername })
        .from(subscriptions)
        .where(and(eq(subscriptions.id, payload.subscriptionId), eq(subscriptions.organizationId, ctx.orgId)));
      if (!sub) throw new PermanentJobError('Subscription not found in this organization');
      onlyName = sub.username;
    }
    const [mode] = await ctx.db.select({ mode: routers.mode }).from(routers).where(and(eq(routers.id, payload.routerId), eq(routers.organizationId, ctx.orgId)));
    if (!mode) throw new PermanentJobError('Router not found in this organization');
    if (mode.mode === 'radius' || !onlyName) {
      // RADIUS rows live in the database: rewritten from the subscriptions (no device call);
      // in API mode this removes rows left from an earlier RADIUS mode.
      // One transaction: FreeRADIUS never sees a customer between delete and re-insert.
      const radius = await ctx.db.transaction((tx) => provisionRouterRadius(tx, { orgId: ctx.orgId, routerId: payload.routerId }));
      if (mode.mode === 'radius') {
        await ctx.db.update(routers).set({ lastSyncAt: sql`now()` }).where(and(eq(routers.id, payload.routerId), eq(routers.organizationId, ctx.orgId)));
        return { mode: 'radius', radiusSubscriptions: radius.subscriptions };
      }
    }
    const report = await withRouter(ctx.db, { orgId: ctx.orgId, routerId: payload.routerId }, async (api, router) => {
      if (router.mode === 'radius') return null;
      const state = await loadDesiredState(ctx.db, { orgId: ctx.orgId, router, subscriptionId: payload.subscriptionId });
      return syncRouter(api, state, { removeExtra: payload.removeExtra && !onlyName, onlyName, progress: ctx.progress });
    });
    if (!report) return { applied: false, reason: 'radius_mode' };
    if (!onlyName) {
      await ctx.db.update(routers).set({ lastSyncAt: sql`now()` }).where(and(eq(routers.id, payload.routerId), eq(routers.organizationId, ctx.orgId)));
    }
    return report;
  },
});
