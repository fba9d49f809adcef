import { and, asc, desc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { OutageStatus } from '@/db/enums';
import { customers, outageSubscriptions, outages, plans, subscriptions, tickets, users } from '@/db/schema';
import { AppError } from '@/lib/server/errors';
import { afterCursor, decodeCursor, toPage } from '@/lib/server/pagination';
import { contains } from '@/lib/server/search';
import { formatTicketNumber } from '@/lib/tickets/number';
import { countAffected, type OutageElement } from './affected';
import { CURRENT_STATUSES } from './constants';
import { resolveElement } from './elements';

const PAGE = 25;

/** The outages list: newest first by keyset, filtered by status, searched by element or cause. */
export async function listOutages(db: Db, p: { orgId: string; status?: OutageStatus; q?: string; cursor?: string }) {
  const rows = await db
    .select({
      id: outages.id,
      elementType: outages.elementType,
      elementLabel: outages.elementLabel,
      area: outages.area,
      status: outages.status,
      source: outages.source,
      startedAt: outages.startedAt,
      resolvedAt: outages.resolvedAt,
      affectedCount: outages.affectedCount,
      ticketNumber: tickets.number,
      creditedAt: outages.creditedAt,
      createdAt: outages.createdAt,
    })
    .from(outages)
    .leftJoin(tickets, and(eq(tickets.id, outages.ticketId), eq(tickets.organizationId, p.orgId)))
    .where(
      and(
        eq(outages.organizationId, p.orgId),
        p.status ? eq(outages.status, p.status) : undefined,
        p.q ? or(ilike(outages.elementLabel, contains(p.q)), ilike(outages.cause, contains(p.q))) : undefined,
        afterCursor(outages.createdAt, outages.id, decodeCursor(p.cursor)),
      ),
    )
    .orderBy(desc(outages.createdAt), desc(outages.id))
    .limit(PAGE + 1);
  const page = toPage(rows, PAGE);
  return {
    ...page,
    items: page.items.map((r) => ({ ...r, ticketNumber: r.ticketNumber ? formatTicketNumber(r.ticketNumber) : null })),
  };
}

/** How many outages wait for NOC (proposed) or are open: the nav badge and the page's tabs. */
export async function countCurrentOutages(db: Db, p: { orgId: string }) {
  const rows = await db.execute<{ status: OutageStatus; n: number }>(sql`
    select status, count(*)::int as n from outages
    where organization_id = ${p.orgId} and status in ('proposed', 'open') group by status`);
  const by = Object.fromEntries(rows.map((r) => [r.status, r.n]));
  return { proposed: by.proposed ?? 0, open: by.open ?? 0 };
}

/** One outage with its ticket, who marked it, and how its notices went. */
export async function getOutage(db: Db, p: { orgId: string; outageId: string }) {
  const [row] = await db
    .select({
      outage: outages,
      ticketNumber: tickets.number,
      ticketStatus: tickets.status,
      createdByName: users.name,
    })
    .from(outages)
    .leftJoin(tickets, and(eq(tickets.id, outages.ticketId), eq(tickets.organizationId, p.orgId)))
    .leftJoin(users, eq(users.id, outages.createdBy))
    .where(and(eq(outages.id, p.outageId), eq(outages.organizationId, p.orgId)));
  if (!row) throw new AppError('not_found');
  const [counts] = await db.execute<{ customers: number; opted_out: number }>(sql`
    select count(*)::int as customers, count(*) filter (where c.whatsapp_opt_out)::int as opted_out
    from customers c
    where c.organization_id = ${p.orgId}
      and c.id in (select customer_id from outage_subscriptions where organization_id = ${p.orgId} and outage_id = ${p.outageId})`);
  return {
    ...row.outage,
    ticketNumber: row.ticketNumber ? formatTicketNumber(row.ticketNumber) : null,
    ticketStatus: row.ticketStatus,
    createdByName: row.createdByName,
    customers: counts?.customers ?? 0,
    optedOut: counts?.opted_out ?? 0,
  };
}

function encode(name: string, id: string) {
  return Buffer.from(JSON.stringify([name, id])).toString('base64url');
}
function decode(cursor: string | undefined): [string, string] | null {
  if (!cursor) return null;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    return Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && /^[0-9a-f-]{36}$/i.test(String(v[1]))
      ? [v[0], v[1]]
      : null;
  } catch {
    return null;
  }
}

/** The affected customers of an outage, by name (keyset), searchable by name or username. */
export async function listAffectedCustomers(
  db: Db,
  p: { orgId: string; outageId: string; q?: string; cursor?: string },
) {
  const after = decode(p.cursor);
  const rows = await db
    .select({
      subscriptionId: outageSubscriptions.subscriptionId,
      customerId: customers.id,
      name: customers.name,
      number: customers.number,
      phone: customers.phone,
      whatsappOptOut: customers.whatsappOptOut,
      serviceUsername: subscriptions.serviceUsername,
      odpPort: subscriptions.odpPort,
      planName: plans.name,
    })
    .from(outageSubscriptions)
    .innerJoin(customers, and(eq(customers.id, outageSubscriptions.customerId), eq(customers.organizationId, p.orgId)))
    .innerJoin(
      subscriptions,
      and(eq(subscriptions.id, outageSubscriptions.subscriptionId), eq(subscriptions.organizationId, p.orgId)),
    )
    .leftJoin(plans, eq(plans.id, subscriptions.planId))
    .where(
      and(
        eq(outageSubscriptions.organizationId, p.orgId),
        eq(outageSubscriptions.outageId, p.outageId),
        p.q ? or(ilike(customers.name, contains(p.q)), ilike(subscriptions.serviceUsername, contains(p.q))) : undefined,
        after
          ? sql`(${customers.name}, ${outageSubscriptions.subscriptionId}) > (${after[0]}, ${after[1]}::uuid)`
          : undefined,
      ),
    )
    .orderBy(asc(customers.name), asc(outageSubscriptions.subscriptionId))
    .limit(PAGE + 1);
  const items = rows.slice(0, PAGE);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > PAGE && last ? encode(last.name, last.subscriptionId) : null };
}

/** Before marking down: what the element is, how many it would cut off, and whether it is already down. */
export async function previewOutage(db: Db, p: { orgId: string; element: OutageElement }) {
  const { label } = await resolveElement(db, p);
  const [current] = await db
    .select({ id: outages.id, status: outages.status })
    .from(outages)
    .where(
      and(
        eq(outages.organizationId, p.orgId),
        eq(outages.elementType, p.element.type),
        eq(outages.elementId, p.element.id),
        p.element.type === 'odp_port' ? eq(outages.odpPort, p.element.odpPort ?? -1) : undefined,
        inArray(outages.status, CURRENT_STATUSES),
      ),
    )
    .limit(1);
  return { label, ...(await countAffected(db, p)), current: current ?? null };
}
