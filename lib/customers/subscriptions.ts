import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { customers, plans, routers, serviceRequests, subscriptionHistory, subscriptions } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { emitRows, subscriptionEventType, subscriptionRows } from '@/lib/events/rows';
import { odpPortSchema, odpRefSchema, resolvePlacement, withPortGuard } from '@/lib/infrastructure/ports';
import { enqueue } from '@/lib/jobs/enqueue';
import { customerNotify } from '@/lib/messaging/jobs';
import { subscriptionApply } from '@/lib/network/jobs';
import { provisionSubscription } from '@/lib/network/radius/provision';
import { AppError } from '@/lib/server/errors';
import { optionalId } from '@/lib/server/form-input';
import { canTransition, type SubscriptionStatus } from './constants';

/**
 * Moves a subscription along its lifecycle, keeps the history, mirrors the status on the
 * customer (when it is their latest subscription) and, in the same transaction, queues the
 * network job that puts the router / RADIUS in line with the new status.
 */
export async function transitionSubscription(
  db: Db,
  p: {
    orgId: string;
    actorUserId: string | null;
    ip: string | null;
    subscriptionId: string;
    to: SubscriptionStatus;
    reason: string | null;
  },
) {
  return db.transaction(async (tx) => {
    const [sub] = await tx
      .select()
      .from(subscriptions)
      .where(and(eq(subscriptions.id, p.subscriptionId), eq(subscriptions.organizationId, p.orgId)))
      .for('update');
    if (!sub) throw new AppError('not_found');
    if (!canTransition(sub.status, p.to))
      throw new AppError('invalid_transition', { from: `@statuses.${sub.status}`, to: `@statuses.${p.to}` });

    await tx
      .update(subscriptions)
      .set({
        status: p.to,
        activatedAt: p.to === 'active' ? sql`coalesce(${subscriptions.activatedAt}, now())` : subscriptions.activatedAt,
        // Terminating frees the ODP port for the next customer (the ODP link stays as history).
        ...(p.to === 'terminated' ? { odpPort: null } : {}),
        updatedAt: sql`now()`,
      })
      .where(eq(subscriptions.id, sub.id));
    // A service that ends takes its customer's waiting requests (plan change, pause, move) with
    // it: they show as cancelled, with why, instead of waiting for a decision that cannot come.
    if (p.to === 'terminated')
      await tx
        .update(serviceRequests)
        .set({ status: 'cancelled', decidedAt: sql`now()`, decisionNote: p.reason ?? null })
        .where(
          and(
            eq(serviceRequests.organizationId, p.orgId),
            eq(serviceRequests.subscriptionId, sub.id),
            eq(serviceRequests.status, 'pending'),
          ),
        );
    // RADIUS-mode router: its rows change in this transaction; the job then disconnects the
    // session so the new group applies at once.
    await provisionSubscription(tx, { orgId: p.orgId, subscriptionId: sub.id });
    const job = await enqueueSubscriptionApply(tx, {
      orgId: p.orgId,
      subscriptionId: sub.id,
      routerId: sub.routerId,
      status: p.to,
      actorUserId: p.actorUserId,
    });
    await tx.insert(subscriptionHistory).values({
      organizationId: p.orgId,
      subscriptionId: sub.id,
      fromStatus: sub.status,
      toStatus: p.to,
      reason: p.reason,
      jobId: job.id,
      actorUserId: p.actorUserId,
    });
    const event = subscriptionEventType(sub.status, p.to);
    if (event)
      await emitRows(tx, {
        orgId: p.orgId,
        type: event,
        rows: subscriptionRows({
          orgId: p.orgId,
          where: sql`s.id = ${sub.id}`,
          previousStatus: sub.status,
          reason: p.reason,
        }),
      });
    const [latest] = await tx
      .select({ id: subscriptions.id })
      .from(subscriptions)
      .where(eq(subscriptions.customerId, sub.customerId))
      .orderBy(desc(subscriptions.createdAt))
      .limit(1);
    if (latest?.id === sub.id) {
      await tx.update(customers).set({ status: p.to, updatedAt: sql`now()` }).where(eq(customers.id, sub.customerId));
    }
    // First activation: the welcome message with the service credentials.
    if (sub.status === 'pending' && p.to === 'active' && !sub.activatedAt) {
      await enqueue(tx, customerNotify, {
        orgId: p.orgId,
        payload: { customerId: sub.customerId, subscriptionId: sub.id, event: 'welcome' },
        createdBy: p.actorUserId,
      });
    }
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'subscription.status_changed',
      entityType: 'subscription',
      entityId: sub.id,
      data: {
        from: sub.status,
        to: p.to,
        reason: p.reason,
        jobId: job.id,
        ...(p.to === 'terminated' && sub.odpPort ? { freedOdpPort: sub.odpPort } : {}),
      },
    });
    return { from: sub.status, to: p.to, jobId: job.id };
  });
}

/**
 * The network job for a subscription. Jobs for a router share its queue, so one router's
 * changes apply in order and an unreachable router holds up only its own jobs; they retry
 * with backoff for days (DEVICE_MAX_ATTEMPTS) and are woken as soon as it answers again.
 */
export async function enqueueSubscriptionApply(
  db: Db,
  p: {
    orgId: string;
    subscriptionId: string;
    routerId: string | null;
    status: SubscriptionStatus;
    actorUserId: string | null;
    kick?: boolean;
    removeFrom?: { routerId: string; username: string; kind: 'pppoe' | 'hotspot' };
    clear?: ('remoteAddress' | 'localAddress' | 'callerId')[];
    coa?: boolean;
  },
) {
  return enqueue(db, subscriptionApply, {
    orgId: p.orgId,
    routerId: p.removeFrom?.routerId ?? p.routerId,
    payload: {
      subscriptionId: p.subscriptionId,
      status: p.status,
      ...(p.kick ? { kick: true } : {}),
      ...(p.removeFrom ? { removeFrom: p.removeFrom } : {}),
      ...(p.clear?.length ? { clear: p.clear } : {}),
      ...(p.coa ? { coa: true } : {}),
    },
    createdBy: p.actorUserId,
  });
}

const IPV4 = /^((25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(25[0-5]|2[0-4]\d|1?\d?\d)$/;
const MAC = /^([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}$/;
const optional = (schema: z.ZodString) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => v || null)
    .pipe(schema.nullable());

/** Plan, router and per-subscription network settings (static address, MAC lock). */
export const subscriptionServiceSchema = z.object({
  subscriptionId: z.string().uuid('validation.invalid'),
  planId: z.string().uuid('validation.plan'),
  routerId: optionalId,
  remoteAddress: optional(z.string().regex(IPV4, 'validation.ipAddress')),
  localAddress: optional(z.string().regex(IPV4, 'validation.ipAddress')),
  callerId: optional(z.string().regex(MAC, 'validation.macAddress')).transform((v) => v?.toUpperCase() ?? null),
  // Where the drop cable is plugged in. Absent: unchanged (callers that only change the plan).
  odpId: odpRefSchema,
  odpPort: odpPortSchema.optional(),
});

/**
 * Changes a subscription's plan, router or network settings and queues the router job
 * that applies it (the customer is disconnected so the new profile takes effect). Moving to
 * another router also queues the removal from the old one, on the old router's queue.
 * The ODP and port are records only: changing them alone touches no router.
 */
export async function updateSubscriptionService(
  db: Db,
  p: { orgId: string; actorUserId: string; ip: string | null; input: z.output<typeof subscriptionServiceSchema> },
) {
  const { subscriptionId, odpId: requestedOdp, odpPort: requestedPort, ...input } = p.input;
  let port: number | null = null;
  // Two edits racing for one port: the unique index refuses the later one (odp_port_taken).
  const update = db.transaction(async (tx) => {
    const [sub] = await tx
      .select()
      .from(subscriptions)
      .where(and(eq(subscriptions.id, subscriptionId), eq(subscriptions.organizationId, p.orgId)))
      .for('update');
    if (!sub) throw new AppError('not_found');
    if (sub.status === 'terminated')
      throw new AppError('invalid_transition', { from: '@statuses.terminated', to: '@statuses.active' });
    const [plan] = await tx
      .select({ id: plans.id })
      .from(plans)
      .where(and(eq(plans.id, input.planId), eq(plans.organizationId, p.orgId)));
    if (!plan) throw new AppError('plan_unavailable');
    const [oldPlan] = await tx
      .select({ serviceType: plans.serviceType })
      .from(plans)
      .where(and(eq(plans.id, sub.planId), eq(plans.organizationId, p.orgId)));
    const routerId = input.routerId ?? null;
    if (routerId) {
      const [router] = await tx
        .select({ id: routers.id })
        .from(routers)
        .where(and(eq(routers.id, routerId), eq(routers.organizationId, p.orgId)));
      if (!router) throw new AppError('not_found');
    }
    const placement = await resolvePlacement(tx, {
      orgId: p.orgId,
      subscriptionId: sub.id,
      current: sub,
      odpId: requestedOdp,
      odpPort: requestedPort,
    });
    port = placement.odpPort;
    const next = {
      planId: input.planId,
      routerId,
      remoteAddress: input.remoteAddress,
      localAddress: input.localAddress,
      callerId: input.callerId,
    };
    const changed = Object.fromEntries(Object.entries(next).filter(([k, v]) => sub[k as keyof typeof next] !== v));
    const moved = Object.fromEntries(
      Object.entries(placement).filter(([k, v]) => sub[k as keyof typeof placement] !== v),
    );
    if (Object.keys(changed).length === 0 && Object.keys(moved).length === 0) return { changed: [], jobIds: [] };
    await tx
      .update(subscriptions)
      .set({ ...next, ...placement, updatedAt: sql`now()` })
      .where(eq(subscriptions.id, sub.id));
    if (Object.keys(changed).length === 0) {
      await recordAudit(tx, {
        orgId: p.orgId,
        actorUserId: p.actorUserId,
        ip: p.ip,
        action: 'subscription.odp_changed',
        entityType: 'subscription',
        entityId: sub.id,
        data: { before: { odpId: sub.odpId, odpPort: sub.odpPort }, after: placement },
      });
      return { changed: Object.keys(moved), jobIds: [] };
    }
    // RADIUS rows follow the new plan / router / addresses (and go when it leaves RADIUS).
    await provisionSubscription(tx, { orgId: p.orgId, subscriptionId: sub.id });
    if (changed.planId)
      await tx
        .update(customers)
        .set({ planId: input.planId, updatedAt: sql`now()` })
        .where(and(eq(customers.id, sub.customerId), eq(customers.organizationId, p.orgId)));
    const jobIds: string[] = [];
    if (sub.routerId && sub.routerId !== routerId) {
      const removal = await enqueueSubscriptionApply(tx, {
        orgId: p.orgId,
        subscriptionId: sub.id,
        routerId: sub.routerId,
        status: sub.status,
        actorUserId: p.actorUserId,
        removeFrom: {
          routerId: sub.routerId,
          username: sub.serviceUsername,
          kind: oldPlan?.serviceType === 'hotspot' ? 'hotspot' : 'pppoe',
        },
      });
      jobIds.push(removal.id);
    }
    if (routerId && sub.status !== 'pending') {
      const clear = (['remoteAddress', 'localAddress', 'callerId'] as const).filter(
        (k) => k in changed && next[k] === null,
      );
      const apply = await enqueueSubscriptionApply(tx, {
        orgId: p.orgId,
        subscriptionId: sub.id,
        routerId,
        status: sub.status,
        actorUserId: p.actorUserId,
        kick: true,
        clear,
        coa: Object.keys(changed).length === 1 && 'planId' in changed,
      });
      jobIds.push(apply.id);
    }
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'subscription.service_changed',
      entityType: 'subscription',
      entityId: sub.id,
      data: {
        before: Object.fromEntries(
          [...Object.keys(changed), ...Object.keys(moved)].map((k) => [k, sub[k as keyof typeof sub]]),
        ),
        after: { ...changed, ...moved },
        jobIds,
      },
    });
    return { changed: [...Object.keys(changed), ...Object.keys(moved)], jobIds };
  });
  return withPortGuard(update, () => port);
}
