import { createHash } from 'node:crypto';
import { and, asc, desc, eq, like } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { messages, users, type WorkOrder, workOrderTechnicians } from '@/db/schema';
import { formatDate } from '@/lib/format';
import { getMessagingSettings, queueCustomerMessage } from '@/lib/messaging/queue';
import { formatWorkOrderNumber } from './constants';

/** The technicians' names, in the order they were assigned. */
export async function technicianNames(db: Db, p: { orgId: string; workOrderId: string }) {
  const rows = await db
    .select({ name: users.name })
    .from(workOrderTechnicians)
    .innerJoin(users, eq(users.id, workOrderTechnicians.userId))
    .where(and(eq(workOrderTechnicians.workOrderId, p.workOrderId), eq(workOrderTechnicians.organizationId, p.orgId)))
    .orderBy(asc(workOrderTechnicians.createdAt));
  return rows.map((r) => r.name);
}

/**
 * "Your visit is on …, between …, with …": queued once the visit has a day, a window and a
 * technician, and again whenever the visit differs from the one the customer was last told
 * about, so saving the same schedule twice sends nothing, while moving it back to an earlier
 * plan (Tuesday → Wednesday → Tuesday) tells them again. The event key carries the work
 * order's version, so a visit told before can be told again; the comparison is with the last
 * visit message of this work order.
 */
export async function noticeVisitScheduled(tx: Db, p: { wo: WorkOrder; actorUserId: string | null }) {
  const { wo } = p;
  if (!wo.customerId || !wo.scheduledDate || !wo.windowStart || !wo.windowEnd) return { queued: false };
  const names = await technicianNames(tx, { orgId: wo.organizationId, workOrderId: wo.id });
  if (names.length === 0) return { queued: false };
  const { locale } = await getMessagingSettings(tx, wo.organizationId);
  const visit = [wo.scheduledDate, wo.windowStart, wo.windowEnd, ...names].join('|');
  const hash = createHash('sha256').update(visit).digest('hex').slice(0, 16);
  const prefix = `workorder_visit:${wo.id}:`;
  const [last] = await tx
    .select({ eventKey: messages.eventKey })
    .from(messages)
    .where(and(eq(messages.organizationId, wo.organizationId), like(messages.eventKey, `${prefix}%`)))
    .orderBy(desc(messages.createdAt))
    .limit(1);
  if (last?.eventKey?.endsWith(`:${hash}`)) return { queued: false };
  return queueCustomerMessage(tx, {
    orgId: wo.organizationId,
    customerId: wo.customerId,
    category: 'visit_scheduled',
    auto: 'visit_scheduled',
    eventKey: `${prefix}${wo.version}:${hash}`,
    values: {
      'visit.number': formatWorkOrderNumber(wo.number),
      'visit.date': formatDate(wo.scheduledDate, locale),
      'visit.window': `${wo.windowStart}–${wo.windowEnd}`,
      'visit.technician': names.join(', '),
    },
    createdBy: p.actorUserId,
  });
}

/** "The technician is on the way": once per work order and day, however often the button is tapped. */
export async function noticeOnTheWay(tx: Db, p: { wo: WorkOrder; actorUserId: string; day: string }) {
  const { wo } = p;
  if (!wo.customerId) return { queued: false };
  const [me] = await tx.select({ name: users.name }).from(users).where(eq(users.id, p.actorUserId));
  const { locale } = await getMessagingSettings(tx, wo.organizationId);
  return queueCustomerMessage(tx, {
    orgId: wo.organizationId,
    customerId: wo.customerId,
    category: 'technician_on_the_way',
    auto: 'technician_on_the_way',
    eventKey: `workorder_on_the_way:${wo.id}:${p.day}`,
    values: {
      'visit.number': formatWorkOrderNumber(wo.number),
      'visit.technician': me?.name ?? '',
      'visit.window': wo.windowStart && wo.windowEnd ? `${wo.windowStart}–${wo.windowEnd}` : '',
      'visit.date': wo.scheduledDate ? formatDate(wo.scheduledDate, locale) : '',
    },
    createdBy: p.actorUserId,
  });
}
