import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { type Outage, organizations, outages, tickets } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { translate } from '@/lib/i18n/translate';
import { getMessagingSettings } from '@/lib/messaging/queue';
import { AppError } from '@/lib/server/errors';
import type { Actor } from '@/lib/server/operation';
import { formatTicketNumber } from '@/lib/tickets/number';
import { type OutageElement, storeAffected } from './affected';
import { CURRENT_STATUSES } from './constants';
import { computeDowntimeCredits, daysInMonthAt, insertDowntimeCredits } from './credit';
import { resolveElement } from './elements';
import { closeIncident, openIncident } from './incident';
import { queueOutageNotices } from './notices';
import type { MarkDownInput } from './schemas';

/** One writer at a time per organization: two NOC members marking the same ODP make one outage. */
async function lockOrganization(db: Db, orgId: string) {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext('outages'), hashtext(${orgId}))`);
}

/** A current (proposed or open) outage on the same element, if any. */
export async function currentOutageOn(db: Db, orgId: string, e: OutageElement) {
  const [row] = await db
    .select()
    .from(outages)
    .where(
      and(
        eq(outages.organizationId, orgId),
        eq(outages.elementType, e.type),
        eq(outages.elementId, e.id),
        e.type === 'odp_port' ? eq(outages.odpPort, e.odpPort ?? -1) : undefined,
        inArray(outages.status, CURRENT_STATUSES),
      ),
    )
    .limit(1);
  return row;
}

/**
 * Creates an outage with its affected set. Manual ones open at once (ticket + notices);
 * detected ones wait as proposals for NOC.
 */
export async function createOutage(
  db: Db,
  p: {
    orgId: string;
    actorUserId: string | null;
    element: OutageElement;
    source: 'manual' | 'detected';
    cause?: string | null;
    evidence?: Record<string, unknown>;
    startedAt?: Date;
  },
) {
  const found = await resolveElement(db, { orgId: p.orgId, element: p.element });
  const [row] = await db
    .insert(outages)
    .values({
      organizationId: p.orgId,
      elementType: p.element.type,
      elementId: p.element.id,
      odpPort: p.element.type === 'odp_port' ? (p.element.odpPort ?? null) : null,
      elementLabel: found.label,
      area: found.area,
      status: p.source === 'manual' ? 'open' : 'proposed',
      source: p.source,
      cause: p.cause ?? null,
      evidence: p.evidence ?? null,
      startedAt: p.startedAt ?? new Date(),
      createdBy: p.actorUserId,
    })
    .returning();
  const affectedCount = await storeAffected(db, { orgId: p.orgId, outageId: row!.id, element: p.element });
  return { ...row!, affectedCount };
}

/** NOC marks an element down by hand: the outage opens at once with its ticket and notices. */
export async function markOutageDown(db: Db, p: Actor & { input: MarkDownInput }) {
  return db.transaction(async (tx) => {
    await lockOrganization(tx, p.orgId);
    const element: OutageElement = { type: p.input.elementType, id: p.input.elementId, odpPort: p.input.odpPort };
    if (element.type === 'odp_port' && !element.odpPort)
      throw new AppError('validation', {}, { odpPort: 'validation.odpPort' });
    const existing = await currentOutageOn(tx, p.orgId, element);
    if (existing) throw new AppError('outage_exists', { element: existing.elementLabel });
    const outage = await createOutage(tx, { ...p, element, source: 'manual', cause: p.input.cause });
    const incident = await openIncident(tx, { ...p, outage });
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'outage.marked_down',
      entityType: 'outage',
      entityId: outage.id,
      data: { element: outage.elementLabel, affected: outage.affectedCount, ticket: incident.ticketNumber },
    });
    return { outage, ...incident };
  });
}

async function lockOutage(db: Db, orgId: string, outageId: string) {
  const [row] = await db
    .select()
    .from(outages)
    .where(and(eq(outages.id, outageId), eq(outages.organizationId, orgId)))
    .for('update');
  if (!row) throw new AppError('not_found');
  return row;
}

function expect(o: Outage, status: Outage['status']) {
  if (o.status !== status) throw new AppError('outage_state', { status: `@outages.statuses.${o.status}` });
}

/**
 * NOC confirms a proposal: the affected set is computed again (the topology may have changed
 * since), then the ticket and the notices, as for a manual mark.
 */
export async function confirmOutage(db: Db, p: Actor & { outageId: string }) {
  return db.transaction(async (tx) => {
    const o = await lockOutage(tx, p.orgId, p.outageId);
    expect(o, 'proposed');
    await tx.execute(sql`delete from outage_subscriptions where organization_id = ${p.orgId} and outage_id = ${o.id}`);
    const affectedCount = await storeAffected(tx, {
      orgId: p.orgId,
      outageId: o.id,
      element: { type: o.elementType, id: o.elementId, odpPort: o.odpPort },
    });
    const [opened] = await tx
      .update(outages)
      .set({ status: 'open', updatedAt: sql`now()` })
      .where(eq(outages.id, o.id))
      .returning();
    const incident = await openIncident(tx, { ...p, outage: { ...opened!, affectedCount } });
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'outage.confirmed',
      entityType: 'outage',
      entityId: o.id,
      data: { element: o.elementLabel, affected: affectedCount, ticket: incident.ticketNumber },
    });
    return { outageId: o.id, affectedCount, ...incident };
  });
}

/** A false alarm: the proposal is kept (history) as dismissed; nothing is sent. */
export async function dismissOutage(db: Db, p: Actor & { outageId: string }) {
  return db.transaction(async (tx) => {
    const o = await lockOutage(tx, p.orgId, p.outageId);
    expect(o, 'proposed');
    await tx
      .update(outages)
      .set({ status: 'dismissed', decidedAt: sql`now()`, updatedAt: sql`now()` })
      .where(eq(outages.id, o.id));
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'outage.dismissed',
      entityType: 'outage',
      entityId: o.id,
      data: { element: o.elementLabel },
    });
    return { outageId: o.id };
  });
}

/** The element works again: the "resolved" notice goes to the same customers, the incident is resolved. */
export async function resolveOutage(db: Db, p: Actor & { outageId: string }) {
  return db.transaction(async (tx) => {
    const o = await lockOutage(tx, p.orgId, p.outageId);
    expect(o, 'open');
    const [resolved] = await tx
      .update(outages)
      .set({
        status: 'resolved',
        resolvedAt: sql`now()`,
        decidedAt: sql`now()`,
        resolvedNotifiedAt: sql`now()`,
        updatedAt: sql`now()`,
      })
      .where(eq(outages.id, o.id))
      .returning();
    const notices = await queueOutageNotices(tx, {
      orgId: p.orgId,
      outage: resolved!,
      kind: 'outage_resolved',
      area: o.area,
      ticketNumber: await incidentNumber(tx, p.orgId, o.ticketId),
      actorUserId: p.actorUserId,
    });
    if (o.ticketId) await closeIncident(tx, { ...p, ticketId: o.ticketId });
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'outage.resolved',
      entityType: 'outage',
      entityId: o.id,
      data: { element: o.elementLabel, minutes: minutesBetween(o.startedAt, resolved!.resolvedAt!) },
    });
    return { outageId: o.id, notices };
  });
}

/** The incident ticket's number ({{ticket.number}} in the "resolved" notice), if it still exists. */
async function incidentNumber(db: Db, orgId: string, ticketId: string | null) {
  if (!ticketId) return null;
  const [t] = await db
    .select({ number: tickets.number })
    .from(tickets)
    .where(and(eq(tickets.id, ticketId), eq(tickets.organizationId, orgId)));
  return t ? formatTicketNumber(t.number) : null;
}

const minutesBetween = (a: Date, b: Date) => Math.round((b.getTime() - a.getTime()) / 60_000);

/** What crediting a resolved outage uses: its times, the month's days and the line's words. */
async function creditParams(db: Db, orgId: string, o: Outage, actorUserId: string | null) {
  const [org] = await db
    .select({ timezone: organizations.timezone })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  const { locale } = await getMessagingSettings(db, orgId);
  const resolvedAt = o.resolvedAt!;
  const downtimeSeconds = Math.max(0, Math.round((resolvedAt.getTime() - o.startedAt.getTime()) / 1000));
  return {
    orgId,
    outageId: o.id,
    startedAt: o.startedAt,
    resolvedAt,
    daysInMonth: daysInMonthAt(o.startedAt, org!.timezone),
    description: translate(locale, 'outages.credit.line', {
      element: o.elementLabel,
      minutes: Math.round(downtimeSeconds / 60),
    }).slice(0, 120),
    actorUserId,
  };
}

/**
 * What crediting would give (the confirmation shows it): how many subscriptions and the
 * total, or null when the outage cannot be credited (not resolved, or already credited).
 */
export async function previewOutageCredit(db: Db, p: { orgId: string; outageId: string }) {
  const [o] = await db
    .select()
    .from(outages)
    .where(and(eq(outages.id, p.outageId), eq(outages.organizationId, p.orgId)));
  if (!o) throw new AppError('not_found');
  if (o.status !== 'resolved' || o.creditedAt || !o.resolvedAt) return null;
  const { count, total } = await computeDowntimeCredits(db, await creditParams(db, p.orgId, o, null));
  return { count, total };
}

/**
 * Credits the downtime on the next invoices, once: a negative pending charge per affected
 * subscription (lib/outages/credit.ts). The outage row is locked and `credited_at` set in the
 * same transaction, so a double click or two finance members credit one time.
 */
export async function creditOutageDowntime(db: Db, p: Actor & { outageId: string }) {
  return db.transaction(async (tx) => {
    const o = await lockOutage(tx, p.orgId, p.outageId);
    if (o.creditedAt) throw new AppError('outage_credited');
    expect(o, 'resolved');
    const params = await creditParams(tx, p.orgId, o, p.actorUserId);
    const credited = await insertDowntimeCredits(tx, params);
    const downtimeSeconds = Math.max(0, Math.round((params.resolvedAt.getTime() - params.startedAt.getTime()) / 1000));
    await tx
      .update(outages)
      .set({ creditedAt: sql`now()`, creditedBy: p.actorUserId, updatedAt: sql`now()` })
      .where(and(eq(outages.id, o.id), isNull(outages.creditedAt)));
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'outage.credited',
      entityType: 'outage',
      entityId: o.id,
      data: { element: o.elementLabel, subscriptions: credited.count, total: credited.total, downtimeSeconds },
    });
    return { outageId: o.id, ...credited };
  });
}
