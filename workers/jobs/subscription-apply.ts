import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { customers, plans, subscriptions } from '@/db/schema';
import { SUBSCRIPTION_STATUSES, formatCustomerNumber } from '@/lib/customers/constants';
import { decryptSecret } from '@/lib/crypto';
import { PermanentJobError, defineJob } from '@/lib/jobs/runtime';
import { applySecret, ensureProfiles, removeSecret } from '@/lib/network/router-ops';
import { SECRET_FIELDS, desiredSecret, planProfileName, planRateLimit } from '@/lib/network/router-state';
import { RouterError } from '@/lib/network/routeros/errors';
import { batchLoader } from '@/lib/server/batch-loader';
import type { Database } from '@/db/client';
import { sendDynamicAuth } from '@/lib/network/radius/coa';
import { routerConnectAddress } from '@/lib/network/router-address';
import { radiusUsername } from '@/lib/network/radius/provision';
import { organizations, routers } from '@/db/schema';
import { settingsFor, withRouter } from '../router-pool';

// A batch's jobs run side by side: their subscriptions are read together (key: org|id).
const loaders = new WeakMap<Database, (key: string) => Promise<SubscriptionRow | undefined>>();
type SubscriptionRow = Awaited<ReturnType<typeof readSubscriptions>>[number];

function readSubscriptions(db: Database, orgId: string, ids: string[]) {
  return db
    .select({ sub: subscriptions, plan: plans, customerNumber: customers.number, customerName: customers.name })
    .from(subscriptions)
    .innerJoin(plans, eq(plans.id, subscriptions.planId))
    .innerJoin(customers, eq(customers.id, subscriptions.customerId))
    .where(and(inArray(subscriptions.id, ids), eq(subscriptions.organizationId, orgId)));
}

function subscriptionLoader(db: Database) {
  const existing = loaders.get(db);
  if (existing) return existing;
  const load = batchLoader(async (keys: string[]) => {
    const byOrg = new Map<string, string[]>();
    for (const key of keys) {
      const [orgId, id] = key.split('|') as [string, string];
      byOrg.set(orgId, [...(byOrg.get(orgId) ?? []), id]);
    }
    const found = new Map<string, SubscriptionRow>();
    for (const [orgId, ids] of byOrg) for (const row of await readSubscriptions(db, orgId, ids)) found.set(`${orgId}|${row.sub.id}`, row);
    return found;
  });
  loaders.set(db, load);
  return load;
}

/**
 * Puts the router in line with a subscription as it is now (not as it was when the job was
 * queued), so retries and out-of-order runs are harmless: active -> the plan's profile,
 * isolated -> the isolir profile, suspended -> disabled, terminated -> removed; then the
 * live session is dropped so the customer reconnects into it.
 */
export const subscriptionApply = defineJob({
  name: 'subscription-apply',
  // An isolation batch is hundreds of different subscriptions on one router: their commands
  // pipeline over the pooled connection instead of waiting for each other.
  batchConcurrency: 16,
  payload: z.object({
    subscriptionId: z.string().uuid(),
    status: z.enum(SUBSCRIPTION_STATUSES),
    kick: z.boolean().optional(),
    // The subscription moved to another router: take it off the old one (as it was there).
    removeFrom: z.object({ routerId: z.string().uuid(), username: z.string(), kind: z.enum(['pppoe', 'hotspot']).optional() }).optional(),
    // Settings the database no longer has (static address, MAC lock): removed on the router.
    clear: z.array(z.enum(SECRET_FIELDS)).optional(),
    // RADIUS: a plan change on an active customer is a CoA (new rate-limit, no drop).
    coa: z.boolean().optional(),
  }),
  async handler(ctx, payload) {
    const sub = await subscriptionLoader(ctx.db)(`${ctx.orgId}|${payload.subscriptionId}`);
    if (!sub) throw new PermanentJobError(`Subscription ${payload.subscriptionId} not found in this organization`);
    const base = { serviceUsername: sub.sub.serviceUsername, requestedStatus: payload.status, currentStatus: sub.sub.status };
    const kind = sub.plan.serviceType === 'hotspot' ? 'hotspot' : 'pppoe';

    if (payload.removeFrom) {
      const { removeFrom } = payload;
      // Off a RADIUS router: its rows went with the change; the live session is dropped there.
      const { router: previous } = await settingsFor(ctx.db, { orgId: ctx.orgId, routerId: removeFrom.routerId });
      if (previous.mode === 'radius') {
        const told = await tellRadiusRouter(ctx.db, ctx.orgId, previous, { ...sub, sub: { ...sub.sub, serviceUsername: removeFrom.username, status: 'terminated' } }, false);
        return { ...base, action: 'disconnected_from_previous_router', routerId: removeFrom.routerId, ...told };
      }
      const result = await withRouter(ctx.db, { orgId: ctx.orgId, routerId: removeFrom.routerId }, (api) => removeSecret(api, removeFrom.kind ?? kind, removeFrom.username));
      return { ...base, applied: true, action: 'removed_from_previous_router', routerId: removeFrom.routerId, ...result };
    }
    if (!sub.sub.routerId) return { ...base, applied: false, reason: 'no_router' };
    if (sub.plan.serviceType === 'static') return { ...base, applied: false, reason: 'static_ip' };
    const routerId = sub.sub.routerId;
    const { router: settings } = await settingsFor(ctx.db, { orgId: ctx.orgId, routerId });
    // RADIUS mode: the rows changed with the subscription; tell the router (RFC 5176).
    if (settings.mode === 'radius') return { ...base, ...(await tellRadiusRouter(ctx.db, ctx.orgId, settings, sub, payload.coa === true)) };

    return withRouter(ctx.db, { orgId: ctx.orgId, routerId }, async (api, router) => {
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
        await ctx.progress(1, 1);
        return { ...base, applied: true, action: 'removed', routerId, ...removed };
      }
      let result;
      try {
        result = await applySecret(api, d, { kick: true, clear: payload.clear });
      } catch (error) {
        // The profile may not exist on this router yet: create it, then try once more.
        if (!(error instanceof RouterError && error.kind === 'trap' && /profile/i.test(error.message))) throw error;
        await ensureProfiles(
          api,
          [
            { kind: d.kind, name: planProfile, rateLimit: planRateLimit(sub.plan) },
            { kind: d.kind, name: router.isolirProfile, rateLimit: router.isolirRateLimit, addressList: router.isolirAddressList },
          ],
          { update: false },
        );
        result = await applySecret(api, d, { kick: true, clear: payload.clear });
      }
      await ctx.progress(1, 1);
      return { ...base, applied: true, action: d.profile === router.isolirProfile ? 'isolir_profile' : d.disabled ? 'disabled' : 'plan_profile', profile: d.profile, routerId, ...result };
    }).catch((error: unknown) => {
      // The router refused the command itself (a trap): retrying will not change that.
      if (error instanceof RouterError && error.kind === 'trap') throw new PermanentJobError(error.message, { cause: error });
      throw error;
    });
  },
});

/**
 * Active customers changing plan get a CoA-Request with the new Mikrotik-Rate-Limit; every
 * other change (isolate, reopen, suspend, terminate, move) a Disconnect-Request, so the
 * customer logs in again and FreeRADIUS answers with the new group. A NAK with "session
 * context not found" means the customer is not online: nothing to do. No answer at all is
 * retried (the job fails into back-off like any unreachable device).
 */
async function tellRadiusRouter(
  db: Database,
  orgId: string,
  router: typeof routers.$inferSelect,
  sub: SubscriptionRow,
  planChange: boolean,
) {
  if (sub.sub.status === 'pending') return { applied: false, reason: 'pending' };
  if (!router.radiusSecretEnc) throw new PermanentJobError(`Router ${router.name} has no RADIUS secret`);
  const [org] = await db.select({ slug: organizations.slug }).from(organizations).where(eq(organizations.id, orgId));
  const userName = radiusUsername(sub.sub.serviceUsername, org!.slug);
  const coa = planChange && sub.sub.status === 'active';
  const result = await sendDynamicAuth({
    // Hosted platforms check the router's address again before each request.
    host: await routerConnectAddress(router.host),
    port: router.coaPort,
    secret: decryptSecret(router.radiusSecretEnc),
    kind: coa ? 'coa' : 'disconnect',
    userName,
    ...(coa ? { mikrotikRateLimit: planRateLimit(sub.plan) } : {}),
  });
  if (result.codeName === 'timeout') throw new Error(`${router.name} (${router.host}:${router.coaPort}) did not answer the ${coa ? 'CoA' : 'Disconnect'}-Request after ${result.attempts} tries`);
  const notOnline = !result.ok && result.errorCause === 503;
  return {
    applied: true,
    mode: 'radius',
    request: coa ? 'CoA-Request' : 'Disconnect-Request',
    reply: result.codeName,
    ...(result.errorCause ? { errorCause: result.errorCause } : {}),
    online: result.ok ? true : notOnline ? false : null,
    userName,
    attempts: result.attempts,
  };
}
