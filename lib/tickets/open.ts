import { and, desc, eq, inArray, isNotNull, or, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { TicketCategory, TicketKind, TicketPriority, TicketSource } from '@/db/enums';
import {
  customers,
  organizations,
  outageSubscriptions,
  outages,
  slaPolicies,
  subscriptions,
  supportSettings,
  type Ticket,
  ticketMessages,
  tickets,
} from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { normalizePhone } from '@/lib/core/phone';
import { emitRows, ticketRows } from '@/lib/events/rows';
import { AppError } from '@/lib/server/errors';
import { formatTicketNumber } from './number';
import { addWorkingMinutes, DEFAULT_SLA_TARGETS, DEFAULT_WORKING_HOURS } from './sla';

/** A ticket's number as people read and say it: T-000123. Pure, for server and client. */

/**
 * Complaints that are about the service being down join an outage's incident; a billing
 * question or a relocation request from a customer inside an outage is still its own ticket.
 */
const OUTAGE_CATEGORIES: readonly TicketCategory[] = ['no_internet', 'slow'];

/** The incident ticket still being worked: a resolved or closed one takes no new complaints. */
const LIVE_TICKET_STATUSES = ['open', 'in_progress', 'waiting'] as const;

/** The next gap-free number for the organization; call inside the transaction that inserts the ticket. */
export async function nextTicketNumber(tx: Db, orgId: string): Promise<number> {
  const rows = await tx.execute<{ last_number: number }>(sql`
    insert into ticket_counters (organization_id, last_number) values (${orgId}, 1)
    on conflict (organization_id) do update set last_number = ticket_counters.last_number + 1
    returning last_number`);
  return Number(rows[0]!.last_number);
}

export type OpenTicketParams = {
  orgId: string;
  actorUserId: string | null;
  source: TicketSource;
  kind?: TicketKind;
  customerId?: string | null;
  subscriptionId?: string | null;
  reporterName?: string | null;
  reporterPhone?: string | null;
  category: TicketCategory;
  priority?: TicketPriority;
  subject: string;
  description?: string | null;
  outageId?: string | null;
  ip?: string | null;
  /** Added to the audit entry (a customer's own report: `{ channel: 'portal' | 'whatsapp', … }`). */
  auditData?: Record<string, unknown>;
};

export type OpenTicketResult = { ticket: Ticket; joinedIncident: boolean };

/**
 * The one way a ticket is opened: by staff, the public form, the portal, the WhatsApp bot and
 * outages. A no-internet or slow complaint from a customer who sits inside an open outage
 * whose incident ticket is still being worked is not a new ticket: their words join it, so
 * NOC answers one conversation, not fifty.
 */
export async function openTicket(db: Db, p: OpenTicketParams): Promise<OpenTicketResult> {
  return db.transaction(async (tx) => {
    const { customerId, subscriptionId } = await checkLinks(tx, p);
    const kind = p.kind ?? 'complaint';
    if (kind === 'complaint' && OUTAGE_CATEGORIES.includes(p.category) && (customerId || subscriptionId)) {
      const incident = await currentIncident(tx, p.orgId, customerId, subscriptionId);
      if (incident) {
        const body = [p.subject.trim(), p.description?.trim()].filter(Boolean).join('\n\n');
        await tx.insert(ticketMessages).values({
          organizationId: p.orgId,
          ticketId: incident.id,
          kind: 'customer',
          body,
          authorUserId: p.actorUserId,
        });
        const [touched] = await tx
          .update(tickets)
          .set({ updatedAt: new Date() })
          .where(and(eq(tickets.organizationId, p.orgId), eq(tickets.id, incident.id)))
          .returning();
        await recordAudit(tx, {
          orgId: p.orgId,
          actorUserId: p.actorUserId,
          action: 'ticket.complaint_joined',
          entityType: 'ticket',
          entityId: incident.id,
          ip: p.ip,
          data: { ...p.auditData, customerId, subscriptionId, source: p.source },
        });
        return { ticket: touched ?? incident, joinedIncident: true };
      }
    }

    const priority = p.priority ?? (kind === 'incident' ? 'urgent' : 'normal');
    const due = await slaDueTimes(tx, p.orgId, priority, new Date());
    const number = await nextTicketNumber(tx, p.orgId);
    const [ticket] = await tx
      .insert(tickets)
      .values({
        organizationId: p.orgId,
        number,
        kind,
        subject: p.subject.trim(),
        description: p.description?.trim() ?? '',
        category: p.category,
        priority,
        source: p.source,
        customerId,
        subscriptionId,
        reporterName: p.reporterName?.trim() || null,
        reporterPhone: p.reporterPhone?.trim() || null,
        outageId: p.outageId ?? null,
        firstResponseDueAt: due.firstResponseDueAt,
        resolutionDueAt: due.resolutionDueAt,
        createdBy: p.actorUserId,
      })
      .returning();
    await tx.insert(ticketMessages).values({
      organizationId: p.orgId,
      ticketId: ticket!.id,
      kind: 'event',
      body: '',
      event: { code: 'opened', values: { source: p.source } },
      authorUserId: p.actorUserId,
    });
    await emitRows(tx, {
      orgId: p.orgId,
      type: 'ticket.created',
      rows: ticketRows({ orgId: p.orgId, ticketId: ticket!.id }),
    });
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      action: 'ticket.opened',
      entityType: 'ticket',
      entityId: ticket!.id,
      ip: p.ip,
      data: {
        ...p.auditData,
        number: formatTicketNumber(number),
        source: p.source,
        kind,
        category: p.category,
        priority,
      },
    });
    return { ticket: ticket!, joinedIncident: false };
  });
}

/** The customer and subscription must be this organization's, and the subscription the customer's. */
async function checkLinks(tx: Db, p: OpenTicketParams) {
  let customerId = p.customerId ?? null;
  const subscriptionId = p.subscriptionId ?? null;
  if (subscriptionId) {
    const [sub] = await tx
      .select({ customerId: subscriptions.customerId })
      .from(subscriptions)
      .where(and(eq(subscriptions.organizationId, p.orgId), eq(subscriptions.id, subscriptionId)));
    if (!sub || (customerId && sub.customerId !== customerId))
      throw new AppError('validation', {}, { subscriptionId: 'tickets.errors.subscriptionNotFound' });
    customerId = sub.customerId;
  } else if (customerId) {
    const [c] = await tx
      .select({ id: customers.id })
      .from(customers)
      .where(and(eq(customers.organizationId, p.orgId), eq(customers.id, customerId)));
    if (!c) throw new AppError('validation', {}, { customerId: 'tickets.errors.customerNotFound' });
  } else if (p.reporterPhone) {
    // A walk-in or caller whose number is exactly one customer's is that customer: the ticket
    // shows on their page and replies follow their WhatsApp choice. Two customers sharing a
    // number stay unlinked (staff pick one).
    const known = await customersWithPhone(tx, p.orgId, p.reporterPhone);
    if (known.length === 1) customerId = known[0]!.id;
  }
  return { customerId, subscriptionId };
}

/** The organization's customers whose phone is this number, however it was typed (0812…, +62 812…). */
export async function customersWithPhone(db: Db, orgId: string, phone: string) {
  const normalized = normalizePhone(phone);
  if (!normalized) return [];
  return db
    .select({ id: customers.id, name: customers.name, whatsappOptOut: customers.whatsappOptOut })
    .from(customers)
    .where(and(eq(customers.organizationId, orgId), eq(customers.phone, normalized)));
}

/** The live incident ticket of an open outage the customer (or subscription) is inside, newest first. */
export async function currentIncident(
  tx: Db,
  orgId: string,
  customerId: string | null,
  subscriptionId: string | null,
): Promise<Ticket | null> {
  const who = subscriptionId
    ? eq(outageSubscriptions.subscriptionId, subscriptionId)
    : eq(outageSubscriptions.customerId, customerId!);
  const [row] = await tx
    .select({ ticket: tickets })
    .from(outageSubscriptions)
    .innerJoin(
      outages,
      and(eq(outages.id, outageSubscriptions.outageId), eq(outages.organizationId, outageSubscriptions.organizationId)),
    )
    .innerJoin(tickets, and(eq(tickets.id, outages.ticketId), eq(tickets.organizationId, outages.organizationId)))
    .where(
      and(
        eq(outageSubscriptions.organizationId, orgId),
        subscriptionId && customerId ? or(who, eq(outageSubscriptions.customerId, customerId)) : who,
        eq(outages.status, 'open'),
        isNotNull(outages.ticketId),
        inArray(tickets.status, LIVE_TICKET_STATUSES),
      ),
    )
    .orderBy(desc(outages.startedAt))
    .limit(1);
  return row?.ticket ?? null;
}

/** Due times from the organization's targets for the priority, counted in its working hours. */
export async function slaDueTimes(tx: Db, orgId: string, priority: TicketPriority, from: Date) {
  const [org] = await tx
    .select({ timezone: organizations.timezone, workingHours: supportSettings.workingHours })
    .from(organizations)
    .leftJoin(supportSettings, eq(supportSettings.organizationId, organizations.id))
    .where(eq(organizations.id, orgId));
  const [policy] = await tx
    .select()
    .from(slaPolicies)
    .where(and(eq(slaPolicies.organizationId, orgId), eq(slaPolicies.priority, priority)));
  const target = policy ?? DEFAULT_SLA_TARGETS[priority];
  const hours = org?.workingHours ?? DEFAULT_WORKING_HOURS;
  const tz = org?.timezone ?? 'Asia/Jakarta';
  return {
    firstResponseDueAt: addWorkingMinutes(from, target.firstResponseMinutes, hours, tz),
    resolutionDueAt: addWorkingMinutes(from, target.resolutionMinutes, hours, tz),
  };
}
