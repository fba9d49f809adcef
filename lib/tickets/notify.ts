import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { customers, memberships, messages, organizations, type Ticket, users } from '@/db/schema';
import { normalizePhone } from '@/lib/core/phone';
import { env } from '@/lib/env';
import { translate } from '@/lib/i18n/translate';
import { type Draft, draftFor, getMessagingSettings, insertDrafts } from '@/lib/messaging/queue';
import { formatTicketNumber } from './number';
import { customersWithPhone } from './open';

/**
 * WhatsApp messages about a ticket go through the organization's message queue (the
 * dispatcher sends them at each session's pace), in the organization's messaging language,
 * each with the ticket number so the customer can refer to it. An opted-out customer's
 * message is kept as cancelled (the log says why nothing was sent).
 */

async function recipient(db: Db, ticket: Ticket) {
  if (ticket.customerId) {
    const [c] = await db
      .select({
        id: customers.id,
        name: customers.name,
        phone: customers.phone,
        whatsappOptOut: customers.whatsappOptOut,
      })
      .from(customers)
      .where(and(eq(customers.organizationId, ticket.organizationId), eq(customers.id, ticket.customerId)));
    if (c) return { customer: c, name: c.name };
  }
  if (ticket.reporterPhone) {
    // A reporter whose number is a customer's gets that customer's choice: someone who opted
    // out of WhatsApp does not get messages just because the ticket was not linked to them.
    const known = await customersWithPhone(db, ticket.organizationId, ticket.reporterPhone);
    const one = known.length === 1 ? known[0]! : null;
    return {
      customer: {
        id: one?.id ?? null,
        phone: ticket.reporterPhone,
        whatsappOptOut: known.some((c) => c.whatsappOptOut),
      },
      name: ticket.reporterName ?? one?.name ?? '',
    };
  }
  return null;
}

/** Whether a reply on this ticket can reach anyone on WhatsApp (a customer's or the reporter's number). */
export async function hasRecipient(db: Db, ticket: Ticket): Promise<boolean> {
  const to = await recipient(db, ticket);
  return Boolean(to?.customer.phone?.trim());
}

async function orgName(db: Db, orgId: string) {
  const [o] = await db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, orgId));
  return o?.name ?? '';
}

function toDraft(p: {
  orgId: string;
  customer: { id: string | null; phone: string; whatsappOptOut: boolean };
  eventKey: string;
  body: string;
  createdBy: string | null;
}): Draft {
  // draftFor decides opted-out and invalid numbers for a customer; a walk-in reporter or a
  // staff member has no customer row, so the message keeps customer_id null.
  const draft = draftFor({
    orgId: p.orgId,
    customer: { ...p.customer, id: p.customer.id ?? '' },
    category: 'support',
    eventKey: p.eventKey,
    body: p.body,
    createdBy: p.createdBy,
  });
  return { ...draft, customerId: p.customer.id };
}

/** What became of a message: queued for sending, or kept as cancelled (opted out, invalid number). */
export type Queued = { id: string; status: 'queued' | 'cancelled' };

async function queue(db: Db, draft: Draft): Promise<Queued | null> {
  const inserted = await insertDrafts(db, [draft]);
  if (!inserted) return null;
  const [row] = await db
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.organizationId, draft.organizationId), eq(messages.eventKey, draft.eventKey!)));
  return row ? { id: row.id, status: draft.status === 'queued' ? 'queued' : 'cancelled' } : null;
}

/** A staff reply to the customer: "[T-000123] …". Returns the message, or null when there is no one to send to. */
export async function queueTicketReply(
  db: Db,
  p: { ticket: Ticket; body: string; replyId: string; actorUserId: string | null },
): Promise<Queued | null> {
  const to = await recipient(db, p.ticket);
  if (!to) return null;
  const { locale } = await getMessagingSettings(db, p.ticket.organizationId);
  const body = translate(locale, 'tickets.whatsapp.reply', {
    number: formatTicketNumber(p.ticket.number),
    name: to.name,
    text: p.body,
    org: await orgName(db, p.ticket.organizationId),
  });
  return queue(
    db,
    toDraft({
      orgId: p.ticket.organizationId,
      customer: to.customer,
      eventKey: `ticket_reply:${p.replyId}`,
      body,
      createdBy: p.actorUserId,
    }),
  );
}

export function ratingUrl(token: string) {
  return `${env().APP_URL}/r/${token}`;
}

/** After resolving: the ticket is done, how did we do? (1–5 on the rating page). Once per resolution. */
export async function queueRatingAsk(
  db: Db,
  p: { ticket: Ticket; token: string; actorUserId: string | null },
): Promise<Queued | null> {
  const to = await recipient(db, p.ticket);
  if (!to) return null;
  const { locale } = await getMessagingSettings(db, p.ticket.organizationId);
  const body = translate(locale, 'tickets.whatsapp.rating', {
    number: formatTicketNumber(p.ticket.number),
    name: to.name,
    link: ratingUrl(p.token),
    org: await orgName(db, p.ticket.organizationId),
  });
  return queue(
    db,
    toDraft({
      orgId: p.ticket.organizationId,
      customer: to.customer,
      eventKey: `ticket_rating:${p.ticket.id}:${p.token.slice(0, 12)}`,
      body,
      createdBy: p.actorUserId,
    }),
  );
}

/**
 * The escalation notice to the NOC lead (an active member of the organization with a phone on
 * their account): which ticket breached which target. Once per escalation: the key carries
 * the escalation time, so a ticket escalated again after a reopen or a priority change
 * notifies again.
 */
export async function queueEscalationNotice(
  db: Db,
  p: { ticket: Ticket; userId: string; breached: 'first_response' | 'resolution'; escalatedAt: Date },
) {
  // Someone who left the organization (membership inactive) is not told about its tickets.
  const [u] = await db
    .select({ name: users.name, phone: users.phone })
    .from(users)
    .innerJoin(
      memberships,
      and(
        eq(memberships.userId, users.id),
        eq(memberships.organizationId, p.ticket.organizationId),
        eq(memberships.active, true),
      ),
    )
    .where(eq(users.id, p.userId));
  if (!u) return { queued: false as const, reason: 'not_member' as const };
  if (!u.phone || !normalizePhone(u.phone)) return { queued: false as const, reason: 'no_phone' as const };
  const { locale } = await getMessagingSettings(db, p.ticket.organizationId);
  const body = translate(locale, 'tickets.whatsapp.escalation', {
    number: formatTicketNumber(p.ticket.number),
    name: u.name ?? '',
    subject: p.ticket.subject,
    target: translate(locale, `tickets.sla.${p.breached === 'first_response' ? 'firstResponse' : 'resolution'}`),
    link: `${env().APP_URL}/tickets/${p.ticket.id}`,
  });
  const id = await queue(
    db,
    toDraft({
      orgId: p.ticket.organizationId,
      customer: { id: null, phone: u.phone, whatsappOptOut: false },
      eventKey: `ticket_escalation:${p.ticket.id}:${p.escalatedAt.toISOString()}`,
      body,
      createdBy: null,
    }),
  );
  return { queued: id?.status === 'queued', reason: undefined };
}
