import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { memberships, type WorkOrder, workOrders, workOrderTechnicians } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { AppError } from '@/lib/server/errors';
import type { Actor } from '@/lib/server/operation';
import { formatWorkOrderNumber, isClosed } from './constants';
import { lockWorkOrder, recordEvent } from './events';
import { noticeVisitScheduled } from './notices';

/** The office's changes to a work order: schedule, technicians, cancel. Each moves its version on. */

function assertOpen(wo: WorkOrder) {
  if (isClosed(wo.status)) throw new AppError('workorder_closed', { status: `@workOrders.statuses.${wo.status}` });
}

/** Sets the visit's day and window; the customer is told once a technician is on it too. */
export async function scheduleWorkOrder(
  db: Db,
  p: Actor & { workOrderId: string; scheduledDate: string; windowStart: string; windowEnd: string },
) {
  return db.transaction(async (tx) => {
    const before = await lockWorkOrder(tx, p);
    assertOpen(before);
    const [wo] = await tx
      .update(workOrders)
      .set({
        scheduledDate: p.scheduledDate,
        windowStart: p.windowStart,
        windowEnd: p.windowEnd,
        status: before.status === 'open' ? 'scheduled' : before.status,
        version: sql`${workOrders.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(eq(workOrders.id, before.id))
      .returning();
    const data = { date: p.scheduledDate, window: `${p.windowStart}–${p.windowEnd}` };
    await recordEvent(tx, { orgId: p.orgId, workOrderId: wo!.id, kind: 'scheduled', userId: p.actorUserId, data });
    const notice = await noticeVisitScheduled(tx, { wo: wo!, actorUserId: p.actorUserId });
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'workorder.scheduled',
      entityType: 'work_order',
      entityId: wo!.id,
      data: { ...data, previous: before.scheduledDate, notified: notice.queued },
    });
    return { id: wo!.id, version: wo!.version, notified: notice.queued };
  });
}

/**
 * Puts one or more technicians on a work order (replacing the previous ones). Only active
 * members with the technician role can be assigned. The version moves on, so a phone of a
 * technician taken off sees a "reassigned" conflict instead of working on it.
 */
export async function assignTechnicians(db: Db, p: Actor & { workOrderId: string; technicianIds: string[] }) {
  const ids = [...new Set(p.technicianIds)];
  return db.transaction(async (tx) => {
    const before = await lockWorkOrder(tx, p);
    assertOpen(before);
    const valid = await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(
        and(
          eq(memberships.organizationId, p.orgId),
          inArray(memberships.userId, ids),
          eq(memberships.role, 'technician'),
          eq(memberships.active, true),
        ),
      );
    if (valid.length !== ids.length) throw new AppError('validation', {}, { technicianIds: 'validation.technician' });
    const previous = await tx
      .select({ userId: workOrderTechnicians.userId })
      .from(workOrderTechnicians)
      .where(and(eq(workOrderTechnicians.workOrderId, before.id), eq(workOrderTechnicians.organizationId, p.orgId)));
    await tx
      .delete(workOrderTechnicians)
      .where(and(eq(workOrderTechnicians.workOrderId, before.id), eq(workOrderTechnicians.organizationId, p.orgId)));
    await tx
      .insert(workOrderTechnicians)
      .values(ids.map((userId) => ({ organizationId: p.orgId, workOrderId: before.id, userId })));
    const [wo] = await tx
      .update(workOrders)
      .set({ version: sql`${workOrders.version} + 1`, updatedAt: sql`now()` })
      .where(eq(workOrders.id, before.id))
      .returning();
    await recordEvent(tx, {
      orgId: p.orgId,
      workOrderId: wo!.id,
      kind: 'assigned',
      userId: p.actorUserId,
      data: { technicianIds: ids },
    });
    const notice = await noticeVisitScheduled(tx, { wo: wo!, actorUserId: p.actorUserId });
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'workorder.assigned',
      entityType: 'work_order',
      entityId: wo!.id,
      data: { technicianIds: ids, previous: previous.map((r) => r.userId), notified: notice.queued },
    });
    return { id: wo!.id, version: wo!.version, notified: notice.queued };
  });
}

/** Cancels with the reason (kept on the work order, the timeline and the audit log). */
export async function cancelWorkOrder(db: Db, p: Actor & { workOrderId: string; reason: string }) {
  return db.transaction(async (tx) => {
    const before = await lockWorkOrder(tx, p);
    assertOpen(before);
    const [wo] = await tx
      .update(workOrders)
      .set({
        status: 'cancelled',
        cancelReason: p.reason,
        version: sql`${workOrders.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(eq(workOrders.id, before.id))
      .returning();
    await recordEvent(tx, {
      orgId: p.orgId,
      workOrderId: wo!.id,
      kind: 'cancelled',
      userId: p.actorUserId,
      data: { reason: p.reason },
    });
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'workorder.cancelled',
      entityType: 'work_order',
      entityId: wo!.id,
      data: { number: formatWorkOrderNumber(wo!.number), reason: p.reason, from: before.status },
    });
    return { id: wo!.id, version: wo!.version };
  });
}
