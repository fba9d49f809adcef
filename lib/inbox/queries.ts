import { and, asc, desc, eq, ilike, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { Db } from '@/db/client';
import {
  conversationMessages,
  conversations,
  customers,
  invoices,
  messages,
  organizations,
  plans,
  quickReplies,
  subscriptions,
  tickets,
  users,
  whatsappSessions,
} from '@/db/schema';
import { formatCustomerNumber } from '@/lib/core/customer-number';
import { AppError } from '@/lib/server/errors';
import { afterCursor, decodeCursor, encodeCursor } from '@/lib/server/pagination';
import { contains } from '@/lib/server/search';
import type { listConversationsSchema } from './schemas';
import { replyWindowClosed } from './window';

const PAGE = 25;

/** Conversations, latest first by keyset; filters and search (number or customer name) in the query. */
export async function listConversations(
  db: Db,
  p: { orgId: string; userId: string } & z.output<typeof listConversationsSchema>,
) {
  const assignee = alias(users, 'assignee');
  const q = p.q || undefined;
  const digits = q ? q.replace(/\D/g, '').replace(/^(?:62|0)/, '') : '';
  const f = p.filter;
  const rows = await db
    .select({
      id: conversations.id,
      phone: conversations.phone,
      customerId: conversations.customerId,
      customerName: customers.name,
      status: conversations.status,
      unread: conversations.unread,
      needsStaffAt: conversations.needsStaffAt,
      lastMessageAt: conversations.lastMessageAt,
      lastPreview: conversations.lastPreview,
      assigneeName: assignee.name,
      ticketId: conversations.ticketId,
      ticketNumber: tickets.number,
    })
    .from(conversations)
    .leftJoin(
      customers,
      and(eq(customers.id, conversations.customerId), eq(customers.organizationId, conversations.organizationId)),
    )
    .leftJoin(assignee, eq(assignee.id, conversations.assigneeUserId))
    .leftJoin(
      tickets,
      and(eq(tickets.id, conversations.ticketId), eq(tickets.organizationId, conversations.organizationId)),
    )
    .where(
      and(
        eq(conversations.organizationId, p.orgId),
        f === 'needs_staff' ? isNotNull(conversations.needsStaffAt) : undefined,
        f === 'unread' ? sql`${conversations.unread} > 0` : undefined,
        f === 'mine' ? eq(conversations.assigneeUserId, p.userId) : undefined,
        f === 'unassigned' ? isNull(conversations.assigneeUserId) : undefined,
        f === 'open' || f === 'closed' ? eq(conversations.status, f) : undefined,
        q
          ? or(
              ilike(customers.name, contains(q)),
              digits.length >= 3 ? ilike(conversations.phone, contains(digits)) : undefined,
            )
          : undefined,
        afterCursor(conversations.lastMessageAt, conversations.id, decodeCursor(p.cursor)),
      ),
    )
    .orderBy(desc(conversations.lastMessageAt), desc(conversations.id))
    .limit(PAGE + 1);
  const items = rows.slice(0, PAGE);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > PAGE && last ? encodeCursor({ createdAt: last.lastMessageAt, id: last.id }) : null,
  };
}
export type ConversationRow = Awaited<ReturnType<typeof listConversations>>['items'][number];

/** The inbox's counts: unread lines (the nav/title badge) and conversations waiting for a person (the dashboard tile). */
export async function inboxCounts(db: Db, p: { orgId: string }) {
  const [row] = await db
    .select({
      unread: sql<number>`coalesce(sum(${conversations.unread}), 0)::int`,
      needsStaff: sql<number>`count(*) filter (where ${conversations.needsStaffAt} is not null)::int`,
    })
    .from(conversations)
    .where(eq(conversations.organizationId, p.orgId));
  return { unread: Number(row?.unread ?? 0), needsStaff: Number(row?.needsStaff ?? 0) };
}

/** Everything the conversation page shows: the thread with delivery states, who it is, what can be linked. */
export async function getConversation(db: Db, p: { orgId: string; conversationId: string; now?: Date }) {
  const assignee = alias(users, 'assignee');
  const [row] = await db
    .select({
      conversation: conversations,
      timezone: organizations.timezone,
      assigneeName: assignee.name,
      ticketNumber: tickets.number,
      ticketSubject: tickets.subject,
      sessionTransport: whatsappSessions.transport,
      sessionName: whatsappSessions.name,
    })
    .from(conversations)
    .innerJoin(organizations, eq(organizations.id, conversations.organizationId))
    .leftJoin(assignee, eq(assignee.id, conversations.assigneeUserId))
    .leftJoin(
      tickets,
      and(eq(tickets.id, conversations.ticketId), eq(tickets.organizationId, conversations.organizationId)),
    )
    .leftJoin(
      whatsappSessions,
      and(
        eq(whatsappSessions.id, conversations.sessionId),
        eq(whatsappSessions.organizationId, conversations.organizationId),
      ),
    )
    .where(and(eq(conversations.organizationId, p.orgId), eq(conversations.id, p.conversationId)));
  if (!row) throw new AppError('not_found');
  const c = row.conversation;
  const author = alias(users, 'author');
  const lines = await db
    .select({
      id: conversationMessages.id,
      author: conversationMessages.author,
      body: conversationMessages.body,
      intent: conversationMessages.intent,
      authorName: author.name,
      createdAt: conversationMessages.createdAt,
      messageStatus: messages.status,
      messageError: messages.error,
    })
    .from(conversationMessages)
    .leftJoin(author, eq(author.id, conversationMessages.authorUserId))
    .leftJoin(
      messages,
      and(
        eq(messages.id, conversationMessages.messageId),
        eq(messages.organizationId, conversationMessages.organizationId),
      ),
    )
    .where(and(eq(conversationMessages.organizationId, p.orgId), eq(conversationMessages.conversationId, c.id)))
    .orderBy(asc(conversationMessages.createdAt), asc(conversationMessages.id))
    .limit(500);
  const customer = c.customerId ? await customerCard(db, p.orgId, c.customerId) : null;
  const customerTickets = c.customerId
    ? await db
        .select({ id: tickets.id, number: tickets.number, subject: tickets.subject })
        .from(tickets)
        .where(
          and(
            eq(tickets.organizationId, p.orgId),
            eq(tickets.customerId, c.customerId),
            inArray(tickets.status, ['open', 'in_progress', 'waiting']),
          ),
        )
        .orderBy(desc(tickets.createdAt))
        .limit(20)
    : [];
  const windowClosed = replyWindowClosed(row.sessionTransport, c.lastInboundAt, p.now ?? new Date());
  return {
    conversation: c,
    timezone: row.timezone,
    assigneeName: row.assigneeName,
    ticket:
      c.ticketId && row.ticketNumber !== null
        ? { id: c.ticketId, number: row.ticketNumber, subject: row.ticketSubject }
        : null,
    sessionName: row.sessionName,
    lines,
    customer,
    customerTickets,
    windowClosed,
  };
}
export type ConversationView = Awaited<ReturnType<typeof getConversation>>;

/** The customer's card: who, their subscriptions and what they owe. */
async function customerCard(db: Db, orgId: string, customerId: string) {
  const [c] = await db
    .select({ id: customers.id, name: customers.name, number: customers.number, phone: customers.phone })
    .from(customers)
    .where(and(eq(customers.organizationId, orgId), eq(customers.id, customerId)));
  if (!c) return null;
  const subs = await db
    .select({
      id: subscriptions.id,
      username: subscriptions.serviceUsername,
      status: subscriptions.status,
      planName: plans.name,
    })
    .from(subscriptions)
    .innerJoin(plans, and(eq(plans.id, subscriptions.planId), eq(plans.organizationId, subscriptions.organizationId)))
    .where(and(eq(subscriptions.organizationId, orgId), eq(subscriptions.customerId, customerId)))
    .limit(20);
  const [owed] = await db
    .select({ unpaid: sql<number>`coalesce(sum(${invoices.total} - ${invoices.paidAmount}), 0)::bigint` })
    .from(invoices)
    .where(
      and(
        eq(invoices.organizationId, orgId),
        eq(invoices.customerId, customerId),
        inArray(invoices.status, ['unpaid', 'partial']),
      ),
    );
  return { ...c, number: formatCustomerNumber(c.number), subscriptions: subs, unpaid: Number(owed?.unpaid ?? 0) };
}

export async function listQuickReplies(db: Db, p: { orgId: string }) {
  return db
    .select({ id: quickReplies.id, title: quickReplies.title, body: quickReplies.body })
    .from(quickReplies)
    .where(eq(quickReplies.organizationId, p.orgId))
    .orderBy(asc(quickReplies.title), asc(quickReplies.id))
    .limit(200);
}

/** The conversation linked to a ticket, for the ticket page's link back. */
export async function conversationOfTicket(db: Db, p: { orgId: string; ticketId: string }) {
  const [row] = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.organizationId, p.orgId), eq(conversations.ticketId, p.ticketId)))
    .limit(1);
  return row ?? null;
}
