import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { customers, plans, subscriptions } from '@/db/schema';
import { formatCustomerNumber } from '@/lib/core/customer-number';
import { decryptSecret } from '@/lib/crypto';
import type { JobPayload, JobProgress } from '@/lib/jobs/contract';
import { PermanentJobError } from '@/lib/jobs/errors';
import type { subscriptionApply } from '@/lib/network/jobs';
import type { RouterAccess } from '@/lib/network/router-access';
import { applySecret, ensureProfiles, removeSecret } from '@/lib/network/router-ops';
import { desiredSecret, planProfileName, planRateLimit } from '@/lib/network/router-state';
import { RouterError } from '@/lib/network/routeros/errors';
import { batchLoader } from '@/lib/server/batch-loader';
import { tellRadiusRouter } from './radius-request';

export type SubscriptionOnNetwork = Awaited<ReturnType<typeof readSubscriptions>>[number];

/**
 * What happens on the network when a subscription changes (the `subscription-apply` job).
 * The router is put in line with the subscription as it is now, not as it was when the
 * change was queued, so retries and out-of-order runs are harmless.
 *
 * - Moved off a router: removed there (API mode), or its session disconnected (RADIUS mode).
 * - No router, or a static-IP plan: nothing to do.
 * - RADIUS-mode router: its rows changed with the subscription (lib/network/radius); the
 *   router is told by CoA (plan change while active) or Disconnect (everything else).
 * - API-mode router: the PPP secret / hotspot user as router-state.ts `desiredSecret` says
 *   (active: the plan's profile; isolated: the isolir profile; suspended: disabled; pending,
 *   terminated: no entry), then the live session is dropped so the customer reconnects into
 *   it. A missing profile is created once and the change tried again.
 *
 * A router that refuses the command itself (a trap) fails for good: retrying cannot help.
 * An unreachable one throws (RouterError), so the job retries with back-off.
 */
export async function applySubscription(
  db: Database,
  routers: RouterAccess,
  p: JobPayload<typeof subscriptionApply> & { orgId: string; progress?: JobProgress },
) {
  const progress = p.progress ?? (async () => {});
  const sub = await subscriptionLoader(db)(`${p.orgId}|${p.subscriptionId}`);
  if (!sub) throw new PermanentJobError(`Subscription ${p.subscriptionId} not found in this organization`);
  const base = { serviceUsername: sub.sub.serviceUsername, requestedStatus: p.status, currentStatus: sub.sub.status };
  const kind = sub.plan.serviceType === 'hotspot' ? 'hotspot' : 'pppoe';

  if (p.removeFrom) {
    const { removeFrom } = p;
    // Off a RADIUS router: its rows went with the change; the live session is dropped there.
    const previous = await routers.settings({ orgId: p.orgId, routerId: removeFrom.routerId });
    if (previous.mode === 'radius') {
      const told = await tellRadiusRouter(
        db,
        p.orgId,
        previous,
        { ...sub, sub: { ...sub.sub, serviceUsername: removeFrom.username, status: 'terminated' } },
        false,
      );
      return { ...base, action: 'disconnected_from_previous_router', routerId: removeFrom.routerId, ...told };
    }
    const result = await routers.use({ orgId: p.orgId, routerId: removeFrom.routerId }, (api) =>
      removeSecret(api, removeFrom.kind ?? kind, removeFrom.username),
    );
    return { ...base, applied: true, action: 'removed_from_previous_router', routerId: removeFrom.routerId, ...result };
  }
  if (!sub.sub.routerId) return { ...base, applied: false, reason: 'no_router' };
  if (sub.plan.serviceType === 'static') return { ...base, applied: false, reason: 'static_ip' };
  const routerId = sub.sub.routerId;
  const settings = await routers.settings({ orgId: p.orgId, routerId });
  // RADIUS mode: the rows changed with the subscription; tell the router (RFC 5176).
  if (settings.mode === 'radius')
    return { ...base, ...(await tellRadiusRouter(db, p.orgId, settings, sub, p.coa === true)) };

  return routers
    .use({ orgId: p.orgId, routerId }, async (api, router) => {
      // RADIUS-mode routers take their customers from RADIUS, not from PPP secrets.
      if (router.mode === 'radius') return { ...base, applied: false, reason: 'radius_mode' };
      const planProfile = planProfileName(sub.plan);
      const d = desiredSecret(
        {
          ...sub.sub,
          password: decryptSecret(sub.sub.servicePasswordEnc),
          serviceType: sub.plan.serviceType,
          planProfile,
          customerNumber: formatCustomerNumber(sub.customerNumber),
          customerName: sub.customerName,
        },
        router,
      );
      if (!d) {
        if (sub.sub.status === 'pending') return { ...base, applied: false, reason: 'pending' };
        const removed = await removeSecret(api, kind, sub.sub.serviceUsername);
        await progress(1, 1);
        return { ...base, applied: true, action: 'removed', routerId, ...removed };
      }
      let result;
      try {
        result = await applySecret(api, d, { kick: true, clear: p.clear });
      } catch (error) {
        // The profile may not exist on this router yet: create it, then try once more.
        if (!(error instanceof RouterError && error.kind === 'trap' && /profile/i.test(error.message))) throw error;
        await ensureProfiles(
          api,
          [
            { kind: d.kind, name: planProfile, rateLimit: planRateLimit(sub.plan) },
            {
              kind: d.kind,
              name: router.isolirProfile,
              rateLimit: router.isolirRateLimit,
              addressList: router.isolirAddressList,
            },
          ],
          { update: false },
        );
        result = await applySecret(api, d, { kick: true, clear: p.clear });
      }
      await progress(1, 1);
      return {
        ...base,
        applied: true,
        action: d.profile === router.isolirProfile ? 'isolir_profile' : d.disabled ? 'disabled' : 'plan_profile',
        profile: d.profile,
        routerId,
        ...result,
      };
    })
    .catch((error: unknown) => {
      // The router refused the command itself (a trap): retrying will not change that.
      if (error instanceof RouterError && error.kind === 'trap')
        throw new PermanentJobError(error.message, { cause: error });
      throw error;
    });
}

function readSubscriptions(db: Database, orgId: string, ids: string[]) {
  return db
    .select({ sub: subscriptions, plan: plans, customerNumber: customers.number, customerName: customers.name })
    .from(subscriptions)
    .innerJoin(plans, eq(plans.id, subscriptions.planId))
    .innerJoin(customers, eq(customers.id, subscriptions.customerId))
    .where(and(inArray(subscriptions.id, ids), eq(subscriptions.organizationId, orgId)));
}

// A batch's jobs run side by side: their subscriptions are read together (key: org|id).
const loaders = new WeakMap<Database, (key: string) => Promise<SubscriptionOnNetwork | undefined>>();

function subscriptionLoader(db: Database) {
  const existing = loaders.get(db);
  if (existing) return existing;
  const load = batchLoader(async (keys: string[]) => {
    const byOrg = new Map<string, string[]>();
    for (const key of keys) {
      const [orgId, id] = key.split('|') as [string, string];
      byOrg.set(orgId, [...(byOrg.get(orgId) ?? []), id]);
    }
    const found = new Map<string, SubscriptionOnNetwork>();
    for (const [orgId, ids] of byOrg)
      for (const row of await readSubscriptions(db, orgId, ids)) found.set(`${orgId}|${row.sub.id}`, row);
    return found;
  });
  loaders.set(db, load);
  return load;
}
