import { and, eq, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '@/db/client';
import { organizations, subscriptions, tickets } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { limitKey } from '@/lib/auth/ip';
import { consumeAttempt } from '@/lib/auth/rate-limit';
import { getInvoiceByToken } from '@/lib/billing/queries';
import { translate } from '@/lib/i18n/translate';
import { getMessagingSettings } from '@/lib/messaging/queue';
import { AppError } from '@/lib/server/errors';
import { queueTicketReply } from './notify';
import { formatTicketNumber } from './number';
import { openTicket } from './open';
import type { publicComplaintSchema, publicRatingSchema } from './schemas';

/** Complaints per visitor address and per invoice link, per hour: enough for a person, not for a script. */
export const COMPLAINTS_PER_IP = 5;
export const COMPLAINTS_PER_INVOICE = 3;
const WINDOW_MINUTES = 60;

/**
 * The complaint form on the customer's invoice page. The signed invoice link names the
 * customer (and the subscription the invoice bills), so nothing typed decides who
 * complains. The answer is only the ticket number, or that the complaint joined a known
 * outage: nothing else about the organization's tickets leaves.
 */
export async function submitPublicComplaint(
  db: Db,
  p: z.output<typeof publicComplaintSchema> & { ip: string | null },
): Promise<{ number: string | null; joinedIncident: boolean }> {
  const found = await getInvoiceByToken(db, p.token);
  if (!found) throw new AppError('not_found');
  const { invoice, customer } = found;
  const ipOk = p.ip
    ? await consumeAttempt(db, `complaint-ip:${limitKey(p.ip)}`, COMPLAINTS_PER_IP, WINDOW_MINUTES)
    : true;
  const invoiceOk = await consumeAttempt(db, `complaint-invoice:${invoice.id}`, COMPLAINTS_PER_INVOICE, WINDOW_MINUTES);
  if (!ipOk || !invoiceOk) throw new AppError('too_many_complaints');
  const [sub] = await db
    .select({ id: subscriptions.id })
    .from(subscriptions)
    .where(and(eq(subscriptions.organizationId, invoice.organizationId), eq(subscriptions.id, invoice.subscriptionId)));
  const { locale } = await getMessagingSettings(db, invoice.organizationId);
  const subject = translate(locale, `tickets.categories.${p.category}`);
  return db.transaction(async (tx) => {
    const { ticket, joinedIncident } = await openTicket(tx, {
      orgId: invoice.organizationId,
      actorUserId: null,
      source: 'public_form',
      customerId: customer.id,
      subscriptionId: sub?.id ?? null,
      reporterName: customer.name,
      reporterPhone: customer.phone,
      category: p.category,
      subject,
      description: p.description,
      ip: p.ip,
    });
    if (joinedIncident) return { number: null, joinedIncident };
    // The customer's receipt on WhatsApp, with the number to quote.
    await queueTicketReply(tx, {
      ticket,
      body: translate(locale, 'tickets.whatsapp.received'),
      replyId: `ack:${ticket.id}`,
      actorUserId: null,
    });
    return { number: formatTicketNumber(ticket.number), joinedIncident };
  });
}

/** What the rating page shows: the organization, the ticket number and whether it is already rated. */
export async function ratingPage(db: Db, token: string) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const [row] = await db
    .select({
      orgName: organizations.name,
      number: tickets.number,
      subject: tickets.subject,
      rating: tickets.rating,
    })
    .from(tickets)
    .innerJoin(organizations, eq(organizations.id, tickets.organizationId))
    .where(eq(tickets.ratingToken, token));
  return row ? { ...row, number: formatTicketNumber(row.number) } : null;
}

/** The customer's 1–5 (and a comment) from the rating link; once per resolution. */
export async function submitRating(db: Db, p: z.output<typeof publicRatingSchema> & { ip: string | null }) {
  if (p.ip && !(await consumeAttempt(db, `rating-ip:${limitKey(p.ip)}`, 20, WINDOW_MINUTES)))
    throw new AppError('too_many_complaints');
  return db.transaction(async (tx) => {
    const [t] = await tx
      .update(tickets)
      .set({ rating: p.rating, ratingComment: p.comment || null, updatedAt: sql`now()` })
      .where(and(eq(tickets.ratingToken, p.token), isNull(tickets.rating)))
      .returning({ id: tickets.id, orgId: tickets.organizationId, number: tickets.number });
    if (!t) throw new AppError('rating_closed');
    await recordAudit(tx, {
      orgId: t.orgId,
      actorUserId: null,
      ip: p.ip,
      action: 'ticket.rated',
      entityType: 'ticket',
      entityId: t.id,
      data: { number: formatTicketNumber(t.number), rating: p.rating },
    });
    return { ok: true };
  });
}
