import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '@/db/client';
import { conversationMessages, conversations, tickets } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { AppError } from '@/lib/server/errors';
import type { Actor } from '@/lib/server/operation';
import { openTicket } from '@/lib/tickets/open';
import { activeMembersWith, isActiveMemberWith } from '@/lib/users/queries';
import type {
  assignConversationSchema,
  conversationStatusSchema,
  conversationTicketSchema,
  linkTicketSchema,
  replySchema,
} from './schemas';
import { queueConversationReply } from './send';

async function lockConversation(tx: Db, orgId: string, conversationId: string) {
  const [c] = await tx
    .select()
    .from(conversations)
    .where(and(eq(conversations.organizationId, orgId), eq(conversations.id, conversationId)))
    .for('update');
  if (!c) throw new AppError('not_found');
  return c;
}

const audit = (tx: Db, p: Actor, action: string, conversationId: string, data: Record<string, unknown> = {}) =>
  recordAudit(tx, {
    orgId: p.orgId,
    actorUserId: p.actorUserId,
    action,
    entityType: 'conversation',
    entityId: conversationId,
    ip: p.ip,
    data,
  });

/**
 * A member opened the conversation: its lines are read, and a person has it now (it no
 * longer waits for staff). Only a change is written and audited; re-opening writes nothing.
 */
export async function markConversationRead(db: Db, p: Actor & { conversationId: string }) {
  return db.transaction(async (tx) => {
    const c = await lockConversation(tx, p.orgId, p.conversationId);
    if (c.unread === 0 && !c.needsStaffAt) return { changed: false };
    await tx
      .update(conversations)
      .set({ unread: 0, needsStaffAt: null })
      .where(and(eq(conversations.organizationId, p.orgId), eq(conversations.id, c.id)));
    if (c.needsStaffAt) await audit(tx, p, 'conversation.attended', c.id);
    return { changed: true };
  });
}

/** A staff reply: queued through the conversation's session, signed with the member's name. */
export async function replyToConversation(db: Db, p: Actor & z.output<typeof replySchema>) {
  return db.transaction(async (tx) => {
    const c = await lockConversation(tx, p.orgId, p.conversationId);
    const r = await queueConversationReply(tx, {
      orgId: p.orgId,
      conversationId: c.id,
      text: p.text,
      author: 'staff',
      authorUserId: p.actorUserId,
    });
    await tx
      .update(conversations)
      .set({ unread: 0, needsStaffAt: null })
      .where(and(eq(conversations.organizationId, p.orgId), eq(conversations.id, c.id)));
    await audit(tx, p, 'conversation.replied', c.id, { messageId: r.messageId, status: r.status, reason: r.reason });
    return r;
  });
}

/** Active members who may work the inbox: who a conversation can be assigned to. */
export async function inboxMembers(db: Db, orgId: string) {
  return (await activeMembersWith(db, { orgId, permission: 'inbox.view' })).map(({ id, name }) => ({ id, name }));
}

export async function assignConversation(db: Db, p: Actor & z.output<typeof assignConversationSchema>) {
  return db.transaction(async (tx) => {
    const c = await lockConversation(tx, p.orgId, p.conversationId);
    if (
      p.assigneeUserId &&
      !(await isActiveMemberWith(tx, { orgId: p.orgId, userId: p.assigneeUserId, permission: 'inbox.view' }))
    )
      throw new AppError('validation', {}, { assigneeUserId: 'inbox.assigneeInvalid' });

    await tx
      .update(conversations)
      .set({ assigneeUserId: p.assigneeUserId })
      .where(and(eq(conversations.organizationId, p.orgId), eq(conversations.id, c.id)));
    await audit(tx, p, 'conversation.assigned', c.id, { from: c.assigneeUserId, to: p.assigneeUserId });
    return { assigneeUserId: p.assigneeUserId };
  });
}

/** Closing marks it done (read, not waiting for staff); the customer's next message reopens it. */
export async function setConversationStatus(db: Db, p: Actor & z.output<typeof conversationStatusSchema>) {
  return db.transaction(async (tx) => {
    const c = await lockConversation(tx, p.orgId, p.conversationId);
    if (c.status === p.status) return { status: c.status };
    await tx
      .update(conversations)
      .set(p.status === 'closed' ? { status: 'closed', unread: 0, needsStaffAt: null } : { status: 'open' })
      .where(and(eq(conversations.organizationId, p.orgId), eq(conversations.id, c.id)));
    await audit(tx, p, p.status === 'closed' ? 'conversation.closed' : 'conversation.reopened', c.id);
    return { status: p.status };
  });
}

/**
 * A ticket from the conversation: for its customer (or, for a stranger, with the number as the
 * reporter's), the customer's last message as the description, source WhatsApp. A complaint
 * inside an open outage joins the outage's ticket (openTicket's rule); either way it is linked.
 */
export async function createTicketFromConversation(db: Db, p: Actor & z.output<typeof conversationTicketSchema>) {
  return db.transaction(async (tx) => {
    const c = await lockConversation(tx, p.orgId, p.conversationId);
    const [last] = await tx
      .select({ body: conversationMessages.body })
      .from(conversationMessages)
      .where(
        and(
          eq(conversationMessages.organizationId, p.orgId),
          eq(conversationMessages.conversationId, c.id),
          eq(conversationMessages.author, 'customer'),
        ),
      )
      .orderBy(sql`${conversationMessages.createdAt} desc`)
      .limit(1);
    const { ticket, joinedIncident } = await openTicket(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      source: 'whatsapp',
      customerId: c.customerId,
      reporterPhone: c.customerId ? null : c.phone,
      category: p.category,
      subject: p.subject,
      description: last?.body ?? null,
    });
    await tx
      .update(conversations)
      .set({ ticketId: ticket.id })
      .where(and(eq(conversations.organizationId, p.orgId), eq(conversations.id, c.id)));
    await audit(tx, p, 'conversation.ticket_linked', c.id, { ticketId: ticket.id, created: !joinedIncident });
    return { ticketId: ticket.id, number: ticket.number, joinedIncident };
  });
}

/** Links an existing ticket: one of the organization's, and the conversation's customer's when it has one. */
export async function linkConversationTicket(db: Db, p: Actor & z.output<typeof linkTicketSchema>) {
  return db.transaction(async (tx) => {
    const c = await lockConversation(tx, p.orgId, p.conversationId);
    const [t] = await tx
      .select({ id: tickets.id, customerId: tickets.customerId })
      .from(tickets)
      .where(and(eq(tickets.organizationId, p.orgId), eq(tickets.id, p.ticketId)));
    if (!t || (c.customerId && t.customerId !== c.customerId))
      throw new AppError('validation', {}, { ticketId: 'inbox.ticketInvalid' });
    await tx
      .update(conversations)
      .set({ ticketId: t.id })
      .where(and(eq(conversations.organizationId, p.orgId), eq(conversations.id, c.id)));
    await audit(tx, p, 'conversation.ticket_linked', c.id, { ticketId: t.id, created: false });
    return { ticketId: t.id };
  });
}
