import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { WorkOrderType } from '@/db/enums';
import {
  customers,
  memberships,
  subscriptions,
  tickets,
  type WorkOrder,
  workOrders,
  workOrderTechnicians,
} from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { AppError } from '@/lib/server/errors';
import type { Actor } from '@/lib/server/operation';
import { checklistTemplateFor } from './checklists';
import { checklistFrom, formatWorkOrderNumber, isClosed } from './constants';
import { lockWorkOrder, nextWorkOrderNumber, recordEvent } from './events';
import { noticeVisitScheduled } from './notices';
import type { CreateWorkOrderInput } from './schemas';

type Who = { orgId: string; actorUserId: string | null; ip: string | null };

type NewWorkOrder = {
  type: WorkOrderType;
  customerId?: string | null;
  subscriptionId?: string | null;
  leadId?: string | null;
  ticketId?: string | null;
  address?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  odpId?: string | null;
  odpPort?: number | null;
  notes?: string | null;
  scheduledDate?: string | null;
  windowStart?: string | null;
  windowEnd?: string | null;
};

/**
 * Inserts a work order with the next SPK number and its own copy of the type's checklist, the
 * "created" line on its timeline and the audit entry. Runs inside the caller's transaction, so
 * a lead conversion and its installation work order commit (or fail) together.
 */
export async function insertWorkOrder(tx: Db, p: Who & { input: NewWorkOrder; source: string }) {
  const template = await checklistTemplateFor(tx, { orgId: p.orgId, type: p.input.type });
  const number = await nextWorkOrderNumber(tx, p.orgId);
  const scheduled = Boolean(p.input.scheduledDate && p.input.windowStart && p.input.windowEnd);
  const [wo] = await tx
    .insert(workOrders)
    .values({
      organizationId: p.orgId,
      number,
      type: p.input.type,
      status: scheduled ? 'scheduled' : 'open',
      customerId: p.input.customerId ?? null,
      subscriptionId: p.input.subscriptionId ?? null,
      leadId: p.input.leadId ?? null,
      ticketId: p.input.ticketId ?? null,
      address: p.input.address ?? '',
      latitude: p.input.latitude ?? null,
      longitude: p.input.longitude ?? null,
      odpId: p.input.odpId ?? null,
      odpPort: p.input.odpPort ?? null,
      notes: p.input.notes ?? null,
      scheduledDate: scheduled ? p.input.scheduledDate : null,
      windowStart: scheduled ? p.input.windowStart : null,
      windowEnd: scheduled ? p.input.windowEnd : null,
      checklist: checklistFrom(template.items),
      requiredPhotos: template.requiredPhotos,
      createdBy: p.actorUserId,
    })
    .returning();
  await recordEvent(tx, {
    orgId: p.orgId,
    workOrderId: wo!.id,
    kind: 'created',
    userId: p.actorUserId,
    data: { source: p.source, type: wo!.type },
  });
  await recordAudit(tx, {
    orgId: p.orgId,
    actorUserId: p.actorUserId,
    ip: p.ip,
    action: 'workorder.created',
    entityType: 'work_order',
    entityId: wo!.id,
    data: { number: formatWorkOrderNumber(number), type: wo!.type, source: p.source },
  });
  return wo!;
}

/** The customer's latest live subscription, address and location, for a work order about them. */
async function customerPlace(tx: Db, p: { orgId: string; customerId: string; subscriptionId?: string | null }) {
  const [customer] = await tx
    .select()
    .from(customers)
    .where(and(eq(customers.id, p.customerId), eq(customers.organizationId, p.orgId)));
  if (!customer) throw new AppError('not_found');
  const [sub] = await tx
    .select({ id: subscriptions.id, odpId: subscriptions.odpId, odpPort: subscriptions.odpPort })
    .from(subscriptions)
    .where(
      and(
        eq(subscriptions.organizationId, p.orgId),
        eq(subscriptions.customerId, customer.id),
        p.subscriptionId ? eq(subscriptions.id, p.subscriptionId) : ne(subscriptions.status, 'terminated'),
      ),
    )
    .orderBy(sql`${subscriptions.createdAt} desc`)
    .limit(1);
  return { customer, sub: sub ?? null };
}

/** A work order typed in the office (any type; a survey may have only an address). */
export async function createWorkOrder(db: Db, p: Actor & { input: CreateWorkOrderInput }) {
  return db.transaction(async (tx) => {
    const { input } = p;
    const place = input.customerId ? await customerPlace(tx, { orgId: p.orgId, customerId: input.customerId }) : null;
    return insertWorkOrder(tx, {
      ...p,
      source: 'manual',
      input: {
        ...input,
        customerId: place?.customer.id ?? null,
        subscriptionId: place?.sub?.id ?? null,
        address: input.address ?? place?.customer.address ?? '',
        latitude: input.latitude ?? place?.customer.latitude ?? null,
        longitude: input.longitude ?? place?.customer.longitude ?? null,
        odpId: input.odpId ?? place?.sub?.odpId ?? null,
        odpPort: input.odpPort ?? place?.sub?.odpPort ?? null,
      },
    });
  });
}

/**
 * The installation work order of a verified lead (called by convertLead in its transaction).
 * The partial unique index allows one live installation per lead; the check here keeps a
 * second call from spending an SPK number.
 */
export async function createInstallationForLead(
  tx: Db,
  p: Who & {
    leadId: string;
    customer: { id: string; address: string; latitude: number | null; longitude: number | null };
    subscription: { id: string; odpId: string | null; odpPort: number | null };
  },
) {
  const [existing] = await tx
    .select()
    .from(workOrders)
    .where(
      and(
        eq(workOrders.organizationId, p.orgId),
        eq(workOrders.leadId, p.leadId),
        eq(workOrders.type, 'installation'),
        ne(workOrders.status, 'cancelled'),
      ),
    );
  if (existing) return existing;
  return insertWorkOrder(tx, {
    ...p,
    source: 'lead',
    input: {
      type: 'installation',
      leadId: p.leadId,
      customerId: p.customer.id,
      subscriptionId: p.subscription.id,
      address: p.customer.address,
      latitude: p.customer.latitude,
      longitude: p.customer.longitude,
      odpId: p.subscription.odpId,
      odpPort: p.subscription.odpPort,
    },
  });
}

/**
 * A repair visit for a ticket: the ticket's customer and subscription, at their address. A
 * ticket that already has a live repair work order gets that one back, not a second.
 */
export async function createWorkOrderFromTicket(db: Db, p: Who & { ticketId: string; notes?: string | null }) {
  return db.transaction(async (tx) => {
    const [ticket] = await tx
      .select()
      .from(tickets)
      .where(and(eq(tickets.id, p.ticketId), eq(tickets.organizationId, p.orgId)))
      .for('update');
    if (!ticket) throw new AppError('not_found');
    const [existing] = await tx
      .select()
      .from(workOrders)
      .where(
        and(
          eq(workOrders.organizationId, p.orgId),
          eq(workOrders.ticketId, ticket.id),
          inArray(workOrders.status, ['open', 'scheduled', 'on_the_way', 'in_progress']),
        ),
      );
    if (existing) return existing;
    const place = ticket.customerId
      ? await customerPlace(tx, {
          orgId: p.orgId,
          customerId: ticket.customerId,
          subscriptionId: ticket.subscriptionId,
        })
      : null;
    return insertWorkOrder(tx, {
      ...p,
      source: 'ticket',
      input: {
        type: 'repair',
        ticketId: ticket.id,
        customerId: place?.customer.id ?? null,
        subscriptionId: place?.sub?.id ?? null,
        address: place?.customer.address ?? '',
        latitude: place?.customer.latitude ?? null,
        longitude: place?.customer.longitude ?? null,
        odpId: place?.sub?.odpId ?? null,
        odpPort: place?.sub?.odpPort ?? null,
        notes: p.notes ?? ([ticket.subject, ticket.description].filter(Boolean).join('\n') || null),
      },
    });
  });
}

function assertOpen(wo: WorkOrder) {
  if (isClosed(wo.status)) throw new AppError('workorder_closed', { status: `@workOrders.statuses.${wo.status}` });
}

/** Sets the visit's day and window; the customer is told once a technician is on it too. */
export async function scheduleWorkOrder(
  db: Db,
  p: Actor & { workOrderId: string; scheduledDate: string; windowStart: string; windowEnd: string },
) {
  return db.transaction(async (tx) => {
    const before = await lockWorkOrder(tx, p);
    assertOpen(before);
    const [wo] = await tx
      .update(workOrders)
      .set({
        scheduledDate: p.scheduledDate,
        windowStart: p.windowStart,
        windowEnd: p.windowEnd,
        status: before.status === 'open' ? 'scheduled' : before.status,
        version: sql`${workOrders.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(eq(workOrders.id, before.id))
      .returning();
    const data = { date: p.scheduledDate, window: `${p.windowStart}–${p.windowEnd}` };
    await recordEvent(tx, { orgId: p.orgId, workOrderId: wo!.id, kind: 'scheduled', userId: p.actorUserId, data });
    const notice = await noticeVisitScheduled(tx, { wo: wo!, actorUserId: p.actorUserId });
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'workorder.scheduled',
      entityType: 'work_order',
      entityId: wo!.id,
      data: { ...data, previous: before.scheduledDate, notified: notice.queued },
    });
    return { id: wo!.id, version: wo!.version, notified: notice.queued };
  });
}

/**
 * Puts one or more technicians on a work order (replacing the previous ones). Only active
 * members with the technician role can be assigned. The version moves on, so a phone of a
 * technician taken off sees a "reassigned" conflict instead of working on it.
 */
export async function assignTechnicians(db: Db, p: Actor & { workOrderId: string; technicianIds: string[] }) {
  const ids = [...new Set(p.technicianIds)];
  return db.transaction(async (tx) => {
    const before = await lockWorkOrder(tx, p);
    assertOpen(before);
    const valid = await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(
        and(
          eq(memberships.organizationId, p.orgId),
          inArray(memberships.userId, ids),
          eq(memberships.role, 'technician'),
          eq(memberships.active, true),
        ),
      );
    if (valid.length !== ids.length) throw new AppError('validation', {}, { technicianIds: 'validation.technician' });
    const previous = await tx
      .select({ userId: workOrderTechnicians.userId })
      .from(workOrderTechnicians)
      .where(and(eq(workOrderTechnicians.workOrderId, before.id), eq(workOrderTechnicians.organizationId, p.orgId)));
    await tx
      .delete(workOrderTechnicians)
      .where(and(eq(workOrderTechnicians.workOrderId, before.id), eq(workOrderTechnicians.organizationId, p.orgId)));
    await tx
      .insert(workOrderTechnicians)
      .values(ids.map((userId) => ({ organizationId: p.orgId, workOrderId: before.id, userId })));
    const [wo] = await tx
      .update(workOrders)
      .set({ version: sql`${workOrders.version} + 1`, updatedAt: sql`now()` })
      .where(eq(workOrders.id, before.id))
      .returning();
    await recordEvent(tx, {
      orgId: p.orgId,
      workOrderId: wo!.id,
      kind: 'assigned',
      userId: p.actorUserId,
      data: { technicianIds: ids },
    });
    const notice = await noticeVisitScheduled(tx, { wo: wo!, actorUserId: p.actorUserId });
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'workorder.assigned',
      entityType: 'work_order',
      entityId: wo!.id,
      data: { technicianIds: ids, previous: previous.map((r) => r.userId), notified: notice.queued },
    });
    return { id: wo!.id, version: wo!.version, notified: notice.queued };
  });
}

/** Cancels with the reason (kept on the work order, the timeline and the audit log). */
export async function cancelWorkOrder(db: Db, p: Actor & { workOrderId: string; reason: string }) {
  return db.transaction(async (tx) => {
    const before = await lockWorkOrder(tx, p);
    assertOpen(before);
    const [wo] = await tx
      .update(workOrders)
      .set({
        status: 'cancelled',
        cancelReason: p.reason,
        version: sql`${workOrders.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(eq(workOrders.id, before.id))
      .returning();
    await recordEvent(tx, {
      orgId: p.orgId,
      workOrderId: wo!.id,
      kind: 'cancelled',
      userId: p.actorUserId,
      data: { reason: p.reason },
    });
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'workorder.cancelled',
      entityType: 'work_order',
      entityId: wo!.id,
      data: { number: formatWorkOrderNumber(wo!.number), reason: p.reason, from: before.status },
    });
    return { id: wo!.id, version: wo!.version };
  });
}
