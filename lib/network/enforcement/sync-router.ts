import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { routers, subscriptions } from '@/db/schema';
import type { JobPayload, JobProgress } from '@/lib/jobs/contract';
import { PermanentJobError } from '@/lib/jobs/errors';
import type { routerSync } from '@/lib/network/jobs';
import { provisionRouterRadius } from '@/lib/network/radius/provision';
import type { RouterAccess } from '@/lib/network/router-access';
import { loadDesiredState, syncRouter } from '@/lib/network/router-sync';

/**
 * Reconciles a router (or one subscription on it) with the database (the `router-sync` job);
 * the result is the report. A RADIUS-mode router's rows are rewritten from the subscriptions
 * in one transaction (FreeRADIUS never sees a customer between delete and re-insert), with no
 * device call. An API-mode router's whole sync also rewrites those rows (removing what an
 * earlier RADIUS mode left), then reconciles the PPP secrets / hotspot users on the router
 * (lib/network/router-sync.ts); extra entries are removed only when asked, never in a
 * one-subscription sync.
 */
export async function reconcileRouter(
  db: Database,
  access: RouterAccess,
  p: JobPayload<typeof routerSync> & { orgId: string; progress?: JobProgress },
) {
  let onlyName: string | undefined;
  if (p.subscriptionId) {
    const [sub] = await db
      .select({ username: subscriptions.serviceUsername })
      .from(subscriptions)
      .where(and(eq(subscriptions.id, p.subscriptionId), eq(subscriptions.organizationId, p.orgId)));
    if (!sub) throw new PermanentJobError('Subscription not found in this organization');
    onlyName = sub.username;
  }
  const [mode] = await db
    .select({ mode: routers.mode })
    .from(routers)
    .where(and(eq(routers.id, p.routerId), eq(routers.organizationId, p.orgId)));
  if (!mode) throw new PermanentJobError('Router not found in this organization');
  const synced = () =>
    db
      .update(routers)
      .set({ lastSyncAt: sql`now()` })
      .where(and(eq(routers.id, p.routerId), eq(routers.organizationId, p.orgId)));
  if (mode.mode === 'radius' || !onlyName) {
    const radius = await db.transaction((tx) => provisionRouterRadius(tx, { orgId: p.orgId, routerId: p.routerId }));
    if (mode.mode === 'radius') {
      await synced();
      return { mode: 'radius', radiusSubscriptions: radius.subscriptions };
    }
  }
  const report = await access.use({ orgId: p.orgId, routerId: p.routerId }, async (api, router) => {
    if (router.mode === 'radius') return null;
    const state = await loadDesiredState(db, { orgId: p.orgId, router, subscriptionId: p.subscriptionId });
    return syncRouter(api, state, { removeExtra: p.removeExtra && !onlyName, onlyName, progress: p.progress });
  });
  if (!report) return { applied: false, reason: 'radius_mode' };
  if (!onlyName) await synced();
  return report;
}
