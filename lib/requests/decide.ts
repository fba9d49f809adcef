import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '@/db/client';
import {
  customers,
  organizations,
  plans,
  type ServiceRequest,
  type ServiceRequestDetails,
  serviceRequests,
  subscriptions,
  workOrders,
} from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { addCharge } from '@/lib/billing/charges';
import { localDate } from '@/lib/billing/money';
import { getBillingSettings } from '@/lib/billing/settings';
import { transitionSubscription, updateSubscriptionService } from '@/lib/customers/subscriptions';
import { formatDate, formatIDR } from '@/lib/format';
import { translate } from '@/lib/i18n/translate';
import { AppError } from '@/lib/server/errors';
import type { Actor } from '@/lib/server/operation';
import { insertWorkOrder } from '@/lib/workorders/create';
import { orgLocale, queueDecisionMessage } from './notify';
import { addDays, monthInvoiced, planChangeQuote } from './quote';
import type { decideSchema } from './schemas';

type Details<K extends ServiceRequest['kind']> = Extract<
  ServiceRequestDetails,
  K extends 'plan_change'
    ? { planId: string }
    : K extends 'pause'
      ? { days: number }
      : K extends 'move'
        ? { address: string }
        : { endDate: string }
>;

/** What approving changed, stored on the request and told to the customer. */
type Effect = {
  effectiveOn: string;
  resumeOn?: string | null;
  applied: boolean;
  workOrderId?: string | null;
  chargeId?: string | null;
  /** The sentence for the customer, in the organization's language. */
  next: string;
};

/**
 * Staff approve or reject a pending request. Approval carries it out in the same
 * transaction (docs/features/service-requests.md):
 * - plan change: the plan changes now through updateSubscriptionService (router / RADIUS
 *   job) and the prorata from the approval day becomes a pending charge (a credit when
 *   negative): the quote's rule, counted from the day the new plan actually starts;
 * - pause: suspended now when it starts today, else on its start day by the periodic pass,
 *   which also brings it back to active after the days asked;
 * - move: a relocation work order to the new address; the customer's address is the new
 *   one from now on (the old one is kept in the work order's notes);
 * - stop: terminated now when the end date is today, else by the periodic pass on that
 *   day; a dismantle work order when the organization uses work orders.
 * Either way the customer gets a WhatsApp message and sees the decision in the portal.
 */
export async function decideServiceRequest(db: Db, p: Actor & { input: z.output<typeof decideSchema>; now?: Date }) {
  const now = p.now ?? new Date();
  return db.transaction(async (tx) => {
    const [req] = await tx
      .select()
      .from(serviceRequests)
      .where(and(eq(serviceRequests.id, p.input.id), eq(serviceRequests.organizationId, p.orgId)))
      .for('update');
    if (!req) throw new AppError('not_found');
    if (req.status !== 'pending') throw new AppError('request_not_pending');
    const [org] = await tx
      .select({ timezone: organizations.timezone })
      .from(organizations)
      .where(eq(organizations.id, p.orgId));
    const today = localDate(now, org?.timezone ?? 'Asia/Jakarta');
    const locale = await orgLocale(tx, p.orgId);
    const approve = p.input.decision === 'approve';
    if (approve) {
      // The service ended while this waited (a stop approved, staff terminated it): nothing
      // to change, and a move would still send a technician. Staff reject it with a note.
      const [sub] = await tx
        .select({ status: subscriptions.status })
        .from(subscriptions)
        .where(and(eq(subscriptions.id, req.subscriptionId), eq(subscriptions.organizationId, p.orgId)));
      if (!sub || sub.status === 'terminated') throw new AppError('request_service_ended');
    }
    const effect = approve ? await carryOut(tx, { ...p, req, today, locale }) : null;
    await tx
      .update(serviceRequests)
      .set({
        status: approve ? 'approved' : 'rejected',
        decidedBy: p.actorUserId,
        decidedAt: now,
        decisionNote: p.input.note,
        ...(effect
          ? {
              effectiveOn: effect.effectiveOn,
              resumeOn: effect.resumeOn ?? null,
              appliedAt: effect.applied ? now : null,
              workOrderId: effect.workOrderId ?? null,
              chargeId: effect.chargeId ?? null,
            }
          : {}),
      })
      .where(and(eq(serviceRequests.id, req.id), eq(serviceRequests.organizationId, p.orgId)));
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: approve ? 'request.approved' : 'request.rejected',
      entityType: 'service_request',
      entityId: req.id,
      data: {
        kind: req.kind,
        subscriptionId: req.subscriptionId,
        note: p.input.note,
        ...(effect ? { effectiveOn: effect.effectiveOn, applied: effect.applied } : {}),
      },
    });
    await queueDecisionMessage(tx, {
      orgId: p.orgId,
      requestId: req.id,
      customerId: req.customerId,
      subscriptionId: req.subscriptionId,
      kind: req.kind,
      status: approve ? 'approved' : 'rejected',
      note: p.input.note,
      next: effect?.next ?? null,
      actorUserId: p.actorUserId,
    });
    return { id: req.id, status: approve ? 'approved' : 'rejected', effect };
  });
}

type CarryOut = Actor & { req: ServiceRequest; today: string; locale: 'id' | 'en' };

async function carryOut(tx: Db, p: CarryOut): Promise<Effect> {
  switch (p.req.kind) {
    case 'plan_change':
      return changePlan(tx, p, p.req.details as Details<'plan_change'>);
    case 'pause':
      return pause(tx, p, p.req.details as Details<'pause'>);
    case 'move':
      return move(tx, p, p.req.details as Details<'move'>);
    case 'stop':
      return stop(tx, p, p.req.details as Details<'stop'>);
  }
}

async function changePlan(tx: Db, p: CarryOut, d: Details<'plan_change'>): Promise<Effect> {
  const [sub] = await tx
    .select()
    .from(subscriptions)
    .where(and(eq(subscriptions.id, p.req.subscriptionId), eq(subscriptions.organizationId, p.orgId)));
  if (!sub) throw new AppError('not_found');
  const [from] = await tx
    .select()
    .from(plans)
    .where(and(eq(plans.id, d.fromPlanId), eq(plans.organizationId, p.orgId)));
  const [to] = await tx
    .select()
    .from(plans)
    .where(and(eq(plans.id, d.planId), eq(plans.organizationId, p.orgId)));
  // The plan moved on since the customer asked (staff changed it): the quote no longer holds.
  if (!to || sub.planId !== d.fromPlanId) throw new AppError('request_stale');
  await updateSubscriptionService(tx, {
    orgId: p.orgId,
    actorUserId: p.actorUserId,
    ip: p.ip,
    input: {
      subscriptionId: sub.id,
      planId: to.id,
      routerId: sub.routerId ?? undefined,
      remoteAddress: sub.remoteAddress,
      localAddress: sub.localAddress,
      callerId: sub.callerId,
      odpId: undefined,
    },
  });
  // Settled from the day the new plan starts, i.e. today: the quote the customer saw was for
  // the day they asked, and staff may approve days (or a month) later. A later approval in
  // the same month charges less than quoted; one in the next month settles that month.
  const billing = await getBillingSettings(tx, p.orgId);
  const { amount, basis, days } = planChangeQuote({
    fromPrice: from?.priceRupiah ?? to.priceRupiah,
    toPrice: to.priceRupiah,
    today: p.today,
    prorata: billing.prorata,
    monthInvoiced: await monthInvoiced(tx, { orgId: p.orgId, subscriptionId: sub.id, today: p.today }),
  });
  let chargeId: string | null = null;
  if (amount !== 0) {
    const charge = await addCharge(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      input: {
        subscriptionId: sub.id,
        description: translate(
          p.locale,
          basis === 'rest' ? 'requests.chargeDescription' : 'requests.chargeDescriptionBefore',
          { from: from?.name ?? '', to: to.name, days },
        ).slice(0, 120),
        amount,
        taxable: to.taxable,
      },
    });
    chargeId = charge.id;
  }
  return {
    effectiveOn: p.today,
    applied: true,
    chargeId,
    next: translate(
      p.locale,
      amount === 0
        ? 'requests.next.plan_change'
        : `requests.next.plan_change_${basis === 'before' ? 'before_' : ''}${amount > 0 ? 'charge' : 'credit'}`,
      { plan: to.name, amount: formatIDR(Math.abs(amount)) },
    ),
  };
}

function reason(p: CarryOut, key: string, params: Record<string, string | number>) {
  return translate(p.locale, `requests.reasons.${key}`, params);
}

async function pause(tx: Db, p: CarryOut, d: Details<'pause'>): Promise<Effect> {
  const resumeOn = addDays(d.startDate, d.days);
  const now = d.startDate <= p.today;
  if (now)
    await transitionSubscription(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      subscriptionId: p.req.subscriptionId,
      to: 'suspended',
      reason: reason(p, 'pause', { days: d.days, until: formatDate(resumeOn, p.locale) }),
    });
  return {
    effectiveOn: d.startDate,
    resumeOn,
    applied: now,
    next: translate(p.locale, 'requests.next.pause', {
      from: formatDate(d.startDate, p.locale),
      until: formatDate(resumeOn, p.locale),
    }),
  };
}

async function move(tx: Db, p: CarryOut, d: Details<'move'>): Promise<Effect> {
  const [customer] = await tx
    .select({ id: customers.id, address: customers.address })
    .from(customers)
    .where(and(eq(customers.id, p.req.customerId), eq(customers.organizationId, p.orgId)));
  if (!customer) throw new AppError('not_found');
  const wo = await insertWorkOrder(tx, {
    orgId: p.orgId,
    actorUserId: p.actorUserId,
    ip: p.ip,
    source: 'request',
    input: {
      type: 'relocation',
      customerId: customer.id,
      subscriptionId: p.req.subscriptionId,
      address: d.address,
      latitude: d.latitude,
      longitude: d.longitude,
      notes: [translate(p.locale, 'requests.workOrderFrom', { address: customer.address }), d.note]
        .filter(Boolean)
        .join('\n'),
    },
  });
  await tx
    .update(customers)
    .set({
      address: d.address,
      ...(d.latitude !== null && d.longitude !== null ? { latitude: d.latitude, longitude: d.longitude } : {}),
      updatedAt: sql`now()`,
    })
    .where(and(eq(customers.id, customer.id), eq(customers.organizationId, p.orgId)));
  await recordAudit(tx, {
    orgId: p.orgId,
    actorUserId: p.actorUserId,
    ip: p.ip,
    action: 'customer.address_moved',
    entityType: 'customer',
    entityId: customer.id,
    data: { before: customer.address, after: d.address, requestId: p.req.id, workOrderId: wo.id },
  });
  return {
    effectiveOn: p.today,
    applied: true,
    workOrderId: wo.id,
    next: translate(p.locale, 'requests.next.move'),
  };
}

async function stop(tx: Db, p: CarryOut, d: Details<'stop'>): Promise<Effect> {
  const now = d.endDate <= p.today;
  if (now)
    await transitionSubscription(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      subscriptionId: p.req.subscriptionId,
      to: 'terminated',
      reason: reason(p, 'stop', { reason: d.reason }),
    });
  // An organization that has never written a work order does its dismantling another way.
  const [usesWorkOrders] = await tx
    .select({ id: workOrders.id })
    .from(workOrders)
    .where(eq(workOrders.organizationId, p.orgId))
    .limit(1);
  let workOrderId: string | null = null;
  if (usesWorkOrders) {
    const wo = await insertWorkOrder(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      source: 'request',
      input: {
        type: 'dismantle',
        customerId: p.req.customerId,
        subscriptionId: p.req.subscriptionId,
        address: await customerAddress(tx, p),
        notes: translate(p.locale, 'requests.workOrderStop', {
          date: formatDate(d.endDate, p.locale),
          reason: d.reason,
        }),
      },
    });
    workOrderId = wo.id;
  }
  return {
    effectiveOn: d.endDate,
    applied: now,
    workOrderId,
    next: translate(p.locale, 'requests.next.stop', { date: formatDate(d.endDate, p.locale) }),
  };
}

async function customerAddress(tx: Db, p: CarryOut) {
  const [c] = await tx
    .select({ address: customers.address })
    .from(customers)
    .where(and(eq(customers.id, p.req.customerId), eq(customers.organizationId, p.orgId)));
  return c?.address ?? '';
}
