import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { conversations, customers, memberships, messages, organizations, users } from '@/db/schema';
import { normalizePhone } from '@/lib/core/phone';
import { getMessagingSettings, templateBody } from '@/lib/messaging/queue';
import { renderTemplate } from '@/lib/messaging/templates';
import { AppError } from '@/lib/server/errors';
import { recordConversationLine } from './record';

export type ConversationReply = {
  orgId: string;
  conversationId: string;
  /** What the assistant or the staff member wrote; the category's template wraps it. */
  text: string;
  author: 'assistant' | 'staff';
  /** The staff member replying (their name signs the `inbox` template). */
  authorUserId?: string | null;
  /** The command the assistant answered (`tagihan`, `lapor`, …). */
  intent?: string | null;
};

export type QueuedReply = {
  conversationId: string;
  messageId: string;
  lineId: string | null;
  status: 'queued' | 'cancelled';
  /** Why it was not queued: the customer opted out of WhatsApp, or the number is not one. */
  reason: 'opted_out' | 'invalid_phone' | null;
};

/**
 * Answers a conversation: renders the `assistant` or `inbox` template in the organization's
 * language, queues the message to the conversation's number and records the line with the
 * message it went out as (its delivery status). The message is queued with the
 * conversation's session, so the dispatcher sends it through the number the customer wrote
 * to while that session is connected (another session otherwise). A customer who opted out
 * gets nothing: the message is kept as cancelled (`opted_out`) so the thread can say why.
 * Call it inside the caller's transaction; it audits nothing (the caller does).
 */
export async function queueConversationReply(db: Db, p: ConversationReply): Promise<QueuedReply> {
  const [row] = await db
    .select({
      conversation: conversations,
      orgName: organizations.name,
      optedOut: customers.whatsappOptOut,
    })
    .from(conversations)
    .innerJoin(organizations, eq(organizations.id, conversations.organizationId))
    .leftJoin(
      customers,
      and(eq(customers.id, conversations.customerId), eq(customers.organizationId, conversations.organizationId)),
    )
    .where(and(eq(conversations.organizationId, p.orgId), eq(conversations.id, p.conversationId)));
  if (!row) throw new AppError('not_found');
  const c = row.conversation;
  const category = p.author === 'staff' ? ('inbox' as const) : ('assistant' as const);
  const staffName = p.author === 'staff' && p.authorUserId ? await memberName(db, p.orgId, p.authorUserId) : '';
  const { locale } = await getMessagingSettings(db, p.orgId);
  const template = await templateBody(db, { orgId: p.orgId, category, locale });
  const body = renderTemplate(template, {
    'organization.name': row.orgName,
    'reply.text': p.text,
    'staff.name': staffName,
  });
  const phone = normalizePhone(c.phone);
  const reason = row.optedOut ? ('opted_out' as const) : phone ? null : ('invalid_phone' as const);
  const [message] = await db
    .insert(messages)
    .values({
      organizationId: p.orgId,
      customerId: c.customerId,
      // The preferred session (lib/messaging/dispatch.ts): the number the customer wrote to.
      sessionId: c.sessionId,
      toPhone: phone ?? c.phone,
      category,
      body,
      status: reason ? 'cancelled' : 'queued',
      error: reason,
      createdBy: p.author === 'staff' ? (p.authorUserId ?? null) : null,
    })
    .returning({ id: messages.id });
  const line = await recordConversationLine(db, {
    orgId: p.orgId,
    phone: c.phone,
    author: p.author,
    body: p.text,
    intent: p.intent ?? null,
    messageId: message!.id,
    authorUserId: p.author === 'staff' ? (p.authorUserId ?? null) : null,
  });
  return {
    conversationId: c.id,
    messageId: message!.id,
    lineId: line.lineId,
    status: reason ? 'cancelled' : 'queued',
    reason,
  };
}

/** The member's name, only if they belong to the organization (a stray id signs nothing). */
async function memberName(db: Db, orgId: string, userId: string) {
  const [u] = await db
    .select({ name: users.name })
    .from(users)
    .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.organizationId, orgId)))
    .where(eq(users.id, userId));
  return u?.name ?? '';
}
