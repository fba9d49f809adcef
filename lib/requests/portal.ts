import { and, asc, desc, eq, inArray, isNull, ne } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { organizations, plans, type ServiceRequestDetails, serviceRequests, subscriptions } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { localDate } from '@/lib/billing/money';
import { getBillingSettings } from '@/lib/billing/settings';
import { AppError } from '@/lib/server/errors';
import { uniqueViolation } from '@/lib/server/pg-errors';
import { addDays, monthInvoiced, planChangeQuote } from './quote';
import { MAX_DAYS_AHEAD, type NewRequestInput } from './schemas';

/** Who asks: a portal visitor (their customers) or the assistant for one customer. */
export type Asker = {
  orgId: string;
  customerIds: string[];
  channel: 'portal' | 'whatsapp';
  /** Audit data (portalAuditData): channel, phone, session. */
  auditData: Record<string, unknown>;
  now?: Date;
};

async function orgToday(db: Db, orgId: string, now: Date) {
  const [org] = await db
    .select({ timezone: organizations.timezone })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  const timeZone = org?.timezone ?? 'Asia/Jakarta';
  return { timeZone, today: localDate(now, timeZone) };
}

/** One of the asker's own subscriptions (never another customer's, never another tenant's). */
async function ownSubscription(db: Db, p: { orgId: string; customerIds: string[]; subscriptionId: string }) {
  if (p.customerIds.length === 0) throw new AppError('not_found');
  const [row] = await db
    .select({
      id: subscriptions.id,
      customerId: subscriptions.customerId,
      status: subscriptions.status,
      planId: subscriptions.planId,
      planName: plans.name,
      planPrice: plans.priceRupiah,
      serviceType: plans.serviceType,
    })
    .from(subscriptions)
    .innerJoin(plans, and(eq(plans.id, subscriptions.planId), eq(plans.organizationId, p.orgId)))
    .where(
      and(
        eq(subscriptions.id, p.subscriptionId),
        eq(subscriptions.organizationId, p.orgId),
        inArray(subscriptions.customerId, p.customerIds),
      ),
    );
  if (!row) throw new AppError('not_found');
  return row;
}

/**
 * The price difference for the rest of this month if the subscription moved to `planId`
 * (an active plan of the same service type). The figure is stored with the request; approval
 * charges the same rule from its own day (lib/requests/decide.ts), never more days than run.
 */
export async function quotePlanChange(
  db: Db,
  p: { orgId: string; customerIds: string[]; subscriptionId: string; planId: string; now?: Date },
) {
  const sub = await ownSubscription(db, p);
  const [plan] = await db
    .select({ id: plans.id, name: plans.name, price: plans.priceRupiah })
    .from(plans)
    .where(
      and(
        eq(plans.id, p.planId),
        eq(plans.organizationId, p.orgId),
        eq(plans.active, true),
        eq(plans.serviceType, sub.serviceType),
      ),
    );
  if (!plan || plan.id === sub.planId) throw new AppError('plan_unavailable');
  const { today } = await orgToday(db, p.orgId, p.now ?? new Date());
  const billing = await getBillingSettings(db, p.orgId);
  const invoiced = await monthInvoiced(db, { orgId: p.orgId, subscriptionId: sub.id, today });
  const q = planChangeQuote({
    fromPrice: sub.planPrice,
    toPrice: plan.price,
    today,
    prorata: billing.prorata,
    monthInvoiced: invoiced,
  });
  return { sub, plan, quote: q.amount, basis: q.basis, today };
}

/** What each of the visitor's live subscriptions can be changed to, and the days they may pick. */
export async function requestChoices(db: Db, p: { orgId: string; customerIds: string[]; now?: Date }) {
  if (p.customerIds.length === 0) return { subscriptions: [], plans: [], today: '', maxDay: '' };
  const subs = await db
    .select({
      id: subscriptions.id,
      serviceUsername: subscriptions.serviceUsername,
      status: subscriptions.status,
      planId: subscriptions.planId,
      planName: plans.name,
      planPrice: plans.priceRupiah,
      serviceType: plans.serviceType,
    })
    .from(subscriptions)
    .innerJoin(plans, and(eq(plans.id, subscriptions.planId), eq(plans.organizationId, p.orgId)))
    .where(
      and(
        eq(subscriptions.organizationId, p.orgId),
        inArray(subscriptions.customerId, p.customerIds),
        ne(subscriptions.status, 'terminated'),
      ),
    )
    .orderBy(asc(subscriptions.createdAt));
  const offered = await db
    .select({
      id: plans.id,
      name: plans.name,
      price: plans.priceRupiah,
      serviceType: plans.serviceType,
      downloadKbps: plans.downloadKbps,
    })
    .from(plans)
    .where(and(eq(plans.organizationId, p.orgId), eq(plans.active, true)))
    .orderBy(asc(plans.priceRupiah), asc(plans.name));
  const { today } = await orgToday(db, p.orgId, p.now ?? new Date());
  return { subscriptions: subs, plans: offered, today, maxDay: addDays(today, MAX_DAYS_AHEAD) };
}

/** The visitor's requests, newest first, with staff's note once decided. */
export async function listOwnRequests(db: Db, p: { orgId: string; customerIds: string[]; limit?: number }) {
  if (p.customerIds.length === 0) return [];
  return db
    .select({
      id: serviceRequests.id,
      kind: serviceRequests.kind,
      status: serviceRequests.status,
      details: serviceRequests.details,
      decisionNote: serviceRequests.decisionNote,
      decidedAt: serviceRequests.decidedAt,
      effectiveOn: serviceRequests.effectiveOn,
      resumeOn: serviceRequests.resumeOn,
      createdAt: serviceRequests.createdAt,
      subscriptionId: serviceRequests.subscriptionId,
      serviceUsername: subscriptions.serviceUsername,
    })
    .from(serviceRequests)
    .innerJoin(
      subscriptions,
      and(eq(subscriptions.id, serviceRequests.subscriptionId), eq(subscriptions.organizationId, p.orgId)),
    )
    .where(and(eq(serviceRequests.organizationId, p.orgId), inArray(serviceRequests.customerId, p.customerIds)))
    .orderBy(desc(serviceRequests.createdAt))
    .limit(p.limit ?? 50);
}

/** Checks the day a pause starts or a service stops: today or later, within MAX_DAYS_AHEAD. */
function checkDay(field: string, value: string, today: string) {
  if (value < today || value > addDays(today, MAX_DAYS_AHEAD))
    throw new AppError('validation', {}, { [field]: 'validation.requestDay' });
}

/**
 * A customer's request, pending until staff decide. One pending request per kind per
 * subscription (the partial unique index); a terminated subscription takes none.
 */
export async function createServiceRequest(db: Db, p: Asker & { input: NewRequestInput }) {
  const now = p.now ?? new Date();
  const sub = await ownSubscription(db, { ...p, subscriptionId: p.input.subscriptionId });
  if (sub.status === 'terminated' || sub.status === 'pending') throw new AppError('request_unavailable');
  const { today } = await orgToday(db, p.orgId, now);
  let details: ServiceRequestDetails;
  switch (p.input.kind) {
    case 'plan_change': {
      const q = await quotePlanChange(db, { ...p, subscriptionId: sub.id, planId: p.input.planId, now });
      details = { planId: q.plan.id, fromPlanId: sub.planId, quote: q.quote, effective: 'now' };
      break;
    }
    case 'pause':
      checkDay('startDate', p.input.startDate, today);
      details = { days: p.input.days, startDate: p.input.startDate };
      break;
    case 'move':
      details = {
        address: p.input.address,
        latitude: p.input.latitude,
        longitude: p.input.longitude,
        note: p.input.note,
      };
      break;
    case 'stop':
      checkDay('endDate', p.input.endDate, today);
      details = { reason: p.input.reason, endDate: p.input.endDate };
      break;
  }
  // An approved pause still to end, or an approved stop still to come, is already the plan:
  // a second one would overlap it (a pause ending inside another, two dismantle visits).
  if (p.input.kind === 'pause' || p.input.kind === 'stop') {
    const [scheduled] = await db
      .select({ id: serviceRequests.id })
      .from(serviceRequests)
      .where(
        and(
          eq(serviceRequests.organizationId, p.orgId),
          eq(serviceRequests.subscriptionId, sub.id),
          eq(serviceRequests.kind, p.input.kind),
          eq(serviceRequests.status, 'approved'),
          p.input.kind === 'pause' ? isNull(serviceRequests.resumedAt) : isNull(serviceRequests.appliedAt),
        ),
      )
      .limit(1);
    if (scheduled) throw new AppError('request_scheduled');
  }
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(serviceRequests)
        .values({
          organizationId: p.orgId,
          customerId: sub.customerId,
          subscriptionId: sub.id,
          kind: p.input.kind,
          channel: p.channel,
          details,
        })
        .returning();
      await recordAudit(tx, {
        orgId: p.orgId,
        actorUserId: null,
        action: 'request.created',
        entityType: 'service_request',
        entityId: row!.id,
        data: { ...p.auditData, kind: row!.kind, subscriptionId: sub.id, details },
      });
      return row!;
    });
  } catch (error) {
    if (uniqueViolation(error) === 'service_requests_pending_uq') throw new AppError('request_duplicate');
    throw error;
  }
}

/** The customer takes back a request staff have not decided yet. */
export async function cancelServiceRequest(db: Db, p: Asker & { id: string }) {
  if (p.customerIds.length === 0) throw new AppError('not_found');
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: serviceRequests.id, status: serviceRequests.status, kind: serviceRequests.kind })
      .from(serviceRequests)
      .where(
        and(
          eq(serviceRequests.id, p.id),
          eq(serviceRequests.organizationId, p.orgId),
          inArray(serviceRequests.customerId, p.customerIds),
        ),
      )
      .for('update');
    if (!row) throw new AppError('not_found');
    if (row.status !== 'pending') throw new AppError('request_not_pending');
    await tx
      .update(serviceRequests)
      .set({ status: 'cancelled', decidedAt: p.now ?? new Date() })
      .where(and(eq(serviceRequests.id, row.id), eq(serviceRequests.organizationId, p.orgId)));
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: null,
      action: 'request.cancelled',
      entityType: 'service_request',
      entityId: row.id,
      data: { ...p.auditData, kind: row.kind },
    });
    return { id: row.id };
  });
}
