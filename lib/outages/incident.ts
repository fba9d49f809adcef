import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { type Outage, outages, ticketMessages, tickets } from '@/db/schema';
import { emitRows, ticketRows } from '@/lib/events/rows';
import { translate } from '@/lib/i18n/translate';
import { getMessagingSettings } from '@/lib/messaging/queue';
import { formatTicketNumber } from '@/lib/tickets/number';
import { openTicket } from '@/lib/tickets/open';
import { queueOutageNotices } from './notices';

/**
 * What an outage does when it opens (marked down by hand, or a proposal confirmed): one
 * incident ticket (complaints from the customers inside join it), then one notice to each
 * affected customer. Runs in the caller's transaction: a failure leaves no half-open outage.
 */
export async function openIncident(
  db: Db,
  p: { orgId: string; actorUserId: string | null; ip: string | null; outage: Outage },
) {
  const { locale } = await getMessagingSettings(db, p.orgId);
  const { ticket } = await openTicket(db, {
    orgId: p.orgId,
    actorUserId: p.actorUserId,
    ip: p.ip,
    source: 'outage',
    kind: 'incident',
    category: 'no_internet',
    priority: 'urgent',
    subject: translate(locale, 'outages.incident.subject', { element: p.outage.elementLabel }),
    description: translate(locale, 'outages.incident.description', {
      element: p.outage.elementLabel,
      count: p.outage.affectedCount,
    }),
    outageId: p.outage.id,
  });
  const ticketNumber = formatTicketNumber(ticket.number);
  const notices = await queueOutageNotices(db, {
    orgId: p.orgId,
    outage: p.outage,
    kind: 'outage',
    area: p.outage.area,
    ticketNumber,
    actorUserId: p.actorUserId,
  });
  await db
    .update(outages)
    .set({ ticketId: ticket.id, notifiedAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(outages.id, p.outage.id), eq(outages.organizationId, p.orgId)));
  return { ticketId: ticket.id, ticketNumber, notices };
}

/**
 * The outage is over: its incident ticket is resolved too (unless staff already moved it on),
 * with a status event in its conversation, so the complaints that joined it end with it.
 */
export async function closeIncident(db: Db, p: { orgId: string; actorUserId: string | null; ticketId: string }) {
  const [before] = await db
    .select({ status: tickets.status })
    .from(tickets)
    .where(and(eq(tickets.id, p.ticketId), eq(tickets.organizationId, p.orgId)))
    .for('update');
  if (!before || !['open', 'in_progress', 'waiting'].includes(before.status)) return false;
  await db
    .update(tickets)
    .set({ status: 'resolved', resolvedAt: sql`now()`, updatedAt: sql`now()` })
    .where(
      and(
        eq(tickets.id, p.ticketId),
        eq(tickets.organizationId, p.orgId),
        inArray(tickets.status, ['open', 'in_progress', 'waiting']),
      ),
    );
  await emitRows(db, {
    orgId: p.orgId,
    type: 'ticket.resolved',
    rows: ticketRows({ orgId: p.orgId, ticketId: p.ticketId }),
  });
  await db.insert(ticketMessages).values({
    organizationId: p.orgId,
    ticketId: p.ticketId,
    kind: 'event',
    body: '',
    event: { code: 'status', values: { from: before.status, to: 'resolved' } },
    authorUserId: p.actorUserId,
  });
  return true;
}
