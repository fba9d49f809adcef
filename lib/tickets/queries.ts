import { and, asc, desc, eq, ilike, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { Db } from '@/db/client';
import {
  customers,
  messages,
  organizations,
  outages,
  subscriptions,
  ticketAttachments,
  ticketMessages,
  tickets,
  users,
} from '@/db/schema';
import { formatCustomerNumber } from '@/lib/core/customer-number';
import { AppError } from '@/lib/server/errors';
import { afterCursor, decodeCursor, toPage } from '@/lib/server/pagination';
import { contains } from '@/lib/server/search';
import { assignableMembers } from './mutations';
import type { customerChoicesSchema, listTicketsSchema } from './schemas';
import { DUE_SOON_MINUTES } from './sla';
import { ACTIVE_STATUSES, nextStatuses } from './status';

const PAGE = 25;
const active = inArray(tickets.status, [...ACTIVE_STATUSES]);

/**
 * A timer past due and not met, or met late. A ticket waiting for the customer is not listed:
 * its clock is paused (docs/features/tickets.md).
 */
export const breachedSql: SQL = sql`(${tickets.status} <> 'waiting' and (
  (${tickets.firstResponseDueAt} < coalesce(${tickets.firstRespondedAt}, case when ${tickets.status} in ('open','in_progress') then now() end))
  or (${tickets.resolutionDueAt} < coalesce(${tickets.resolvedAt}, case when ${tickets.status} in ('open','in_progress') then now() end))))`;

/** A ticket whose clock runs and whose next target falls within DUE_SOON_MINUTES (the badge's rule too). */
const dueSoonSql: SQL = sql`(${tickets.status} in ('open','in_progress') and not ${breachedSql} and (
  (${tickets.firstRespondedAt} is null and ${tickets.firstResponseDueAt} < now() + (${DUE_SOON_MINUTES}::int * interval '1 minute'))
  or ${tickets.resolutionDueAt} < now() + (${DUE_SOON_MINUTES}::int * interval '1 minute')))`;

/**
 * The digits of a typed phone number without its 0 or 62 prefix: phones are stored as 62…,
 * so 0812… is found by what follows the 0 (a reporter's number may be stored as typed).
 */
function localDigits(q: string): string {
  return q.replace(/\D/g, '').replace(/^(?:62|0)/, '');
}

/** "T-000123", "t123" or "123" is a ticket number. */
function numberOf(q: string): number | null {
  const m = /^t?-?0*(\d{1,9})$/i.exec(q.replace(/\s/g, ''));
  return m ? Number(m[1]) : null;
}

export async function listTickets(db: Db, p: { orgId: string; userId: string } & z.output<typeof listTicketsSchema>) {
  const assignee = alias(users, 'assignee');
  const q = p.q && p.q.length > 0 ? p.q : undefined;
  const n = q ? numberOf(q) : null;
  const local = q ? localDigits(q) : '';
  const rows = await db
    .select({
      id: tickets.id,
      number: tickets.number,
      kind: tickets.kind,
      subject: tickets.subject,
      category: tickets.category,
      priority: tickets.priority,
      status: tickets.status,
      source: tickets.source,
      team: tickets.team,
      customerId: tickets.customerId,
      customerName: customers.name,
      reporterName: tickets.reporterName,
      assigneeName: assignee.name,
      firstResponseDueAt: tickets.firstResponseDueAt,
      firstRespondedAt: tickets.firstRespondedAt,
      resolutionDueAt: tickets.resolutionDueAt,
      resolvedAt: tickets.resolvedAt,
      escalatedAt: tickets.escalatedAt,
      createdAt: tickets.createdAt,
    })
    .from(tickets)
    .leftJoin(
      customers,
      and(eq(customers.id, tickets.customerId), eq(customers.organizationId, tickets.organizationId)),
    )
    .leftJoin(assignee, eq(assignee.id, tickets.assigneeUserId))
    .where(
      and(
        eq(tickets.organizationId, p.orgId),
        p.status === 'active' ? active : p.status ? eq(tickets.status, p.status) : undefined,
        p.priority ? eq(tickets.priority, p.priority) : undefined,
        p.category ? eq(tickets.category, p.category) : undefined,
        p.team ? eq(tickets.team, p.team) : undefined,
        p.customerId ? eq(tickets.customerId, p.customerId) : undefined,
        p.assignee === 'me'
          ? eq(tickets.assigneeUserId, p.userId)
          : p.assignee === 'none'
            ? isNull(tickets.assigneeUserId)
            : p.assignee
              ? eq(tickets.assigneeUserId, p.assignee)
              : undefined,
        p.sla === 'breached' ? breachedSql : p.sla === 'due_soon' ? dueSoonSql : undefined,
        q
          ? or(
              n !== null ? eq(tickets.number, n) : undefined,
              ilike(tickets.subject, contains(q)),
              ilike(customers.name, contains(q)),
              ilike(tickets.reporterName, contains(q)),
              ilike(tickets.reporterPhone, contains(q)),
              local.length >= 4 ? ilike(customers.phone, contains(local)) : undefined,
              local.length >= 4 ? ilike(tickets.reporterPhone, contains(local)) : undefined,
            )
          : undefined,
        afterCursor(tickets.createdAt, tickets.id, decodeCursor(p.cursor)),
      ),
    )
    .orderBy(desc(tickets.createdAt), desc(tickets.id))
    .limit((p.limit ?? PAGE) + 1);
  return toPage(rows, p.limit ?? PAGE);
}
export type TicketRow = Awaited<ReturnType<typeof listTickets>>['items'][number];

/** Everything the ticket page shows: the ticket, who it is about, the conversation, files, what can happen next. */
export async function getTicket(db: Db, p: { orgId: string; ticketId: string }) {
  const assignee = alias(users, 'assignee');
  const [row] = await db
    .select({
      ticket: tickets,
      customerName: customers.name,
      customerNumber: customers.number,
      customerPhone: customers.phone,
      serviceUsername: subscriptions.serviceUsername,
      assigneeName: assignee.name,
      timezone: organizations.timezone,
    })
    .from(tickets)
    .innerJoin(organizations, eq(organizations.id, tickets.organizationId))
    .leftJoin(
      customers,
      and(eq(customers.id, tickets.customerId), eq(customers.organizationId, tickets.organizationId)),
    )
    .leftJoin(
      subscriptions,
      and(eq(subscriptions.id, tickets.subscriptionId), eq(subscriptions.organizationId, tickets.organizationId)),
    )
    .leftJoin(assignee, eq(assignee.id, tickets.assigneeUserId))
    .where(and(eq(tickets.organizationId, p.orgId), eq(tickets.id, p.ticketId)));
  if (!row) throw new AppError('not_found');
  const [conversation, files, members, outage] = await Promise.all([
    db
      .select({
        id: ticketMessages.id,
        kind: ticketMessages.kind,
        body: ticketMessages.body,
        event: ticketMessages.event,
        authorName: users.name,
        createdAt: ticketMessages.createdAt,
        delivery: messages.status,
      })
      .from(ticketMessages)
      .leftJoin(users, eq(users.id, ticketMessages.authorUserId))
      .leftJoin(messages, and(eq(messages.id, ticketMessages.messageId), eq(messages.organizationId, p.orgId)))
      .where(and(eq(ticketMessages.organizationId, p.orgId), eq(ticketMessages.ticketId, p.ticketId)))
      .orderBy(asc(ticketMessages.createdAt), asc(ticketMessages.id)),
    db
      .select({
        id: ticketAttachments.id,
        fileName: ticketAttachments.fileName,
        mime: ticketAttachments.mime,
        bytes: ticketAttachments.bytes,
        createdAt: ticketAttachments.createdAt,
      })
      .from(ticketAttachments)
      .where(and(eq(ticketAttachments.organizationId, p.orgId), eq(ticketAttachments.ticketId, p.ticketId)))
      .orderBy(asc(ticketAttachments.createdAt)),
    assignableMembers(db, p.orgId),
    row.ticket.outageId
      ? db
          .select({ id: outages.id, label: outages.elementLabel, status: outages.status })
          .from(outages)
          .where(and(eq(outages.organizationId, p.orgId), eq(outages.id, row.ticket.outageId)))
      : Promise.resolve([]),
  ]);
  const { ratingToken: _secret, ...ticket } = row.ticket;
  return {
    ticket,
    customer: row.customerName
      ? {
          id: ticket.customerId!,
          name: row.customerName,
          number: formatCustomerNumber(row.customerNumber!),
          phone: row.customerPhone,
        }
      : null,
    serviceUsername: row.serviceUsername,
    assigneeName: row.assigneeName,
    timezone: row.timezone,
    conversation,
    attachments: files,
    members: members.map((m) => ({ id: m.id, name: m.name })),
    next: nextStatuses(ticket.status),
    outage: outage[0] ?? null,
  };
}
export type TicketDetail = Awaited<ReturnType<typeof getTicket>>;

/** The dashboards' figures: active tickets, unassigned, breached, due soon, and the escalated ones to look at. */
export async function ticketCounts(db: Db, p: { orgId: string }) {
  const [counts] = await db.execute<{ active: number; unassigned: number; breached: number; dueSoon: number }>(sql`
    select count(*)::int as active,
      count(*) filter (where assignee_user_id is null and team is null)::int as unassigned,
      count(*) filter (where ${breachedSql})::int as breached,
      count(*) filter (where ${dueSoonSql})::int as "dueSoon"
    from tickets where organization_id = ${p.orgId} and status in ('open', 'in_progress', 'waiting')`);
  const escalated = await db
    .select({ id: tickets.id, number: tickets.number, subject: tickets.subject, escalatedAt: tickets.escalatedAt })
    .from(tickets)
    .where(and(eq(tickets.organizationId, p.orgId), active, sql`${tickets.escalatedAt} is not null`))
    .orderBy(desc(tickets.escalatedAt))
    .limit(5);
  return {
    active: counts?.active ?? 0,
    unassigned: counts?.unassigned ?? 0,
    breached: counts?.breached ?? 0,
    dueSoon: counts?.dueSoon ?? 0,
    escalated,
  };
}
export type TicketCounts = Awaited<ReturnType<typeof ticketCounts>>;

/**
 * Customers to link a new ticket to: the one given, or up to ten matching the search (name,
 * phone, customer number), each with its services.
 */
export async function ticketCustomerChoices(db: Db, p: { orgId: string } & z.output<typeof customerChoicesSchema>) {
  const q = p.q && p.q.length >= 2 ? p.q : undefined;
  if (!q && !p.customerId) return [];
  const digits = q?.replace(/\D/g, '') ?? '';
  const local = q ? localDigits(q) : '';
  const found = await db
    .select({ id: customers.id, name: customers.name, number: customers.number, phone: customers.phone })
    .from(customers)
    .where(
      and(
        eq(customers.organizationId, p.orgId),
        p.customerId
          ? eq(customers.id, p.customerId)
          : or(
              ilike(customers.name, contains(q!)),
              local.length >= 4 ? ilike(customers.phone, contains(local)) : undefined,
              /^c?-?\d{1,9}$/i.test(q!.replace(/\s/g, '')) ? eq(customers.number, Number(digits)) : undefined,
            ),
      ),
    )
    .orderBy(asc(customers.name))
    .limit(10);
  if (found.length === 0) return [];
  const subs = await db
    .select({
      id: subscriptions.id,
      customerId: subscriptions.customerId,
      serviceUsername: subscriptions.serviceUsername,
    })
    .from(subscriptions)
    .where(
      and(
        eq(subscriptions.organizationId, p.orgId),
        inArray(
          subscriptions.customerId,
          found.map((c) => c.id),
        ),
      ),
    );
  return found.map((c) => ({
    ...c,
    number: formatCustomerNumber(c.number),
    subscriptions: subs
      .filter((s) => s.customerId === c.id)
      .map((s) => ({ id: s.id, serviceUsername: s.serviceUsername })),
  }));
}
