import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { WorkOrderType } from '@/db/enums';
import { customers, odps, subscriptions, tickets, workOrders } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { AppError } from '@/lib/server/errors';
import type { Actor } from '@/lib/server/operation';
import { checklistTemplateFor } from './checklists';
import { checklistFrom, formatWorkOrderNumber } from './constants';
import { nextWorkOrderNumber, recordEvent } from './events';
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

/** An ODP and port typed in the office: the organization's ODP, a port it has. */
async function assertOdpPort(tx: Db, p: { orgId: string; odpId: string; port: number | null }) {
  const [odp] = await tx
    .select({ totalPorts: odps.totalPorts })
    .from(odps)
    .where(and(eq(odps.id, p.odpId), eq(odps.organizationId, p.orgId)));
  if (!odp) throw new AppError('validation', {}, { odpId: 'validation.invalid' });
  if (p.port !== null && p.port > odp.totalPorts)
    throw new AppError('validation', {}, { odpPort: 'validation.odpPort' });
}

/** A work order typed in the office (any type; a survey may have only an address). */
export async function createWorkOrder(db: Db, p: Actor & { input: CreateWorkOrderInput }) {
  return db.transaction(async (tx) => {
    const { input } = p;
    if (input.odpId) await assertOdpPort(tx, { orgId: p.orgId, odpId: input.odpId, port: input.odpPort ?? null });
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
