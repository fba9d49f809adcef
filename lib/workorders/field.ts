import { and, asc, eq, gte, inArray, lte, or, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { ChecklistItem } from '@/db/enums';
import {
  customers,
  odps,
  organizations,
  tickets,
  type WorkOrder,
  workOrderEvents,
  workOrderPhotos,
  workOrders,
  workOrderTechnicians,
} from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import type { Locale } from '@/lib/i18n/config';
import { withPortGuard } from '@/lib/infrastructure/ports';
import { recordMaterialsUsed, swapUnits } from '@/lib/inventory/field-stock';
import { AppError } from '@/lib/server/errors';
import { ACTIVE_STATUSES, dayIn, formatWorkOrderNumber, needsSignature, statusAfter, stepTime } from './constants';
import { recordEvent } from './events';
import { finishWorkOrder } from './finish';
import { conflictAnswer, fieldGuard } from './guard';
import { onceByKey } from './idempotency';
import { noticeOnTheWay, technicianNames } from './notices';
import type { FieldAction, FieldResult } from './schemas';

/**
 * The technician's phone app reads and writes through this file (and ./files.ts for photos
 * and the signature). Every function checks that the technician is on the work order.
 */

const summaryColumns = {
  id: workOrders.id,
  number: workOrders.number,
  type: workOrders.type,
  status: workOrders.status,
  version: workOrders.version,
  scheduledDate: workOrders.scheduledDate,
  windowStart: workOrders.windowStart,
  windowEnd: workOrders.windowEnd,
  address: workOrders.address,
  latitude: sql<number | null>`coalesce(${workOrders.latitude}, ${customers.latitude})`,
  longitude: sql<number | null>`coalesce(${workOrders.longitude}, ${customers.longitude})`,
  customerName: customers.name,
  customerPhone: customers.phone,
  checklist: workOrders.checklist,
  finishedAt: workOrders.finishedAt,
};

/**
 * A technician's work orders: without dates, everything still to do (any day, unscheduled
 * ones last) and what they finished in the last day; with `from`/`to`, the visits scheduled
 * in those days. Ordered by day and window, as the technician drives them.
 */
export async function listMyWorkOrders(db: Db, p: { orgId: string; userId: string; from?: string; to?: string }) {
  const ranged = p.from || p.to;
  const rows = await db
    .select(summaryColumns)
    .from(workOrderTechnicians)
    .innerJoin(
      workOrders,
      and(eq(workOrders.id, workOrderTechnicians.workOrderId), eq(workOrders.organizationId, p.orgId)),
    )
    .leftJoin(customers, and(eq(customers.id, workOrders.customerId), eq(customers.organizationId, p.orgId)))
    .where(
      and(
        eq(workOrderTechnicians.organizationId, p.orgId),
        eq(workOrderTechnicians.userId, p.userId),
        ranged
          ? and(
              sql`${workOrders.status} <> 'cancelled'`,
              p.from ? gte(workOrders.scheduledDate, p.from) : undefined,
              p.to ? lte(workOrders.scheduledDate, p.to) : undefined,
            )
          : or(
              inArray(workOrders.status, ACTIVE_STATUSES),
              and(eq(workOrders.status, 'done'), gte(workOrders.finishedAt, sql`now() - interval '1 day'`)),
            ),
      ),
    )
    .orderBy(sql`${workOrders.scheduledDate} asc nulls last`, asc(workOrders.windowStart), asc(workOrders.number))
    .limit(200);
  return rows.map(({ checklist, ...r }) => ({
    ...r,
    numberText: formatWorkOrderNumber(r.number),
    checklistDone: checklist.filter((c) => c.done).length,
    checklistTotal: checklist.length,
  }));
}

/** Everything the phone shows and needs to finish one work order; only for a technician on it. */
export async function getFieldWorkOrder(db: Db, p: { orgId: string; userId: string; id: string }) {
  const [row] = await db
    .select({
      wo: workOrders,
      customerName: customers.name,
      customerPhone: customers.phone,
      customerAddress: customers.address,
      customerLat: customers.latitude,
      customerLng: customers.longitude,
      odpCode: odps.code,
      odpName: odps.name,
      odpLat: odps.latitude,
      odpLng: odps.longitude,
      ticketNumber: tickets.number,
      ticketSubject: tickets.subject,
    })
    .from(workOrders)
    .innerJoin(
      workOrderTechnicians,
      and(eq(workOrderTechnicians.workOrderId, workOrders.id), eq(workOrderTechnicians.userId, p.userId)),
    )
    .leftJoin(customers, and(eq(customers.id, workOrders.customerId), eq(customers.organizationId, p.orgId)))
    .leftJoin(odps, and(eq(odps.id, workOrders.odpId), eq(odps.organizationId, p.orgId)))
    .leftJoin(tickets, and(eq(tickets.id, workOrders.ticketId), eq(tickets.organizationId, p.orgId)))
    .where(and(eq(workOrders.id, p.id), eq(workOrders.organizationId, p.orgId)));
  if (!row) throw new AppError('not_found');
  const { wo } = row;
  const [photos, technicians, notes] = await Promise.all([
    db
      .select({
        id: workOrderPhotos.id,
        caption: workOrderPhotos.caption,
        takenAt: workOrderPhotos.takenAt,
        mime: workOrderPhotos.mime,
      })
      .from(workOrderPhotos)
      .where(and(eq(workOrderPhotos.workOrderId, wo.id), eq(workOrderPhotos.organizationId, p.orgId)))
      .orderBy(asc(workOrderPhotos.takenAt)),
    technicianNames(db, { orgId: p.orgId, workOrderId: wo.id }),
    // The notes written on site, so they stay on the phone after they were sent.
    db
      .select({ data: workOrderEvents.data })
      .from(workOrderEvents)
      .where(
        and(
          eq(workOrderEvents.workOrderId, wo.id),
          eq(workOrderEvents.organizationId, p.orgId),
          eq(workOrderEvents.kind, 'note'),
        ),
      )
      .orderBy(asc(workOrderEvents.happenedAt), asc(workOrderEvents.createdAt))
      .limit(100),
  ]);
  return {
    id: wo.id,
    number: wo.number,
    numberText: formatWorkOrderNumber(wo.number),
    type: wo.type,
    status: wo.status,
    version: wo.version,
    scheduledDate: wo.scheduledDate,
    windowStart: wo.windowStart,
    windowEnd: wo.windowEnd,
    notes: wo.notes,
    customer: row.customerName
      ? { name: row.customerName, phone: row.customerPhone!, address: row.customerAddress! }
      : null,
    address: wo.address || row.customerAddress || '',
    latitude: wo.latitude ?? row.customerLat ?? null,
    longitude: wo.longitude ?? row.customerLng ?? null,
    odp: wo.odpId
      ? { id: wo.odpId, code: row.odpCode ?? '', name: row.odpName ?? '', latitude: row.odpLat, longitude: row.odpLng }
      : null,
    odpPort: wo.odpPort,
    ticket: wo.ticketId && row.ticketNumber ? { number: row.ticketNumber, subject: row.ticketSubject ?? '' } : null,
    checklist: wo.checklist,
    requiredPhotos: wo.requiredPhotos,
    photos: photos.map((ph) => ({ ...ph, url: `/api/work-orders/${wo.id}/files/${ph.id}` })),
    requiresSignature: needsSignature(wo.type),
    signature: wo.signaturePath
      ? { signedName: wo.signedName, signedAt: wo.signedAt, url: `/api/work-orders/${wo.id}/files/signature` }
      : null,
    technicians,
    checkInAt: wo.checkInAt,
    checkOutAt: wo.checkOutAt,
    finishedAt: wo.finishedAt,
    result: wo.result,
    fieldNotes: notes.flatMap((n) => {
      const text = (n.data as { text?: unknown } | null)?.text;
      return typeof text === 'string' ? [text] : [];
    }),
  };
}
export type FieldWorkOrder = Awaited<ReturnType<typeof getFieldWorkOrder>>;

/** How late "on the way" may still reach the customer. */
export const ON_THE_WAY_FRESH_MS = 30 * 60 * 1000;

/** "On the way" is worth telling: tapped in the last half hour, and the technician is not there yet. */
export function onTheWayIsNews(wo: Pick<WorkOrder, 'checkInAt' | 'status'>, at: Date, now: Date) {
  return now.getTime() - at.getTime() <= ON_THE_WAY_FRESH_MS && !wo.checkInAt && wo.status !== 'done';
}

/**
 * Applies one step from the phone, exactly once per key (see ./idempotency.ts). Steps are
 * refused, as a conflict the phone shows, when the work order was cancelled, finished, or
 * given to someone else. An office change that leaves the technician on it (a new window)
 * bumps the version but refuses nothing: the answer carries the new version for the phone.
 */
export async function applyFieldAction(
  db: Db,
  p: { orgId: string; userId: string; action: FieldAction; locale?: Locale; ip?: string | null },
): Promise<FieldResult> {
  const { action } = p;
  const locale = p.locale ?? 'id';
  const scope = {
    orgId: p.orgId,
    userId: p.userId,
    key: action.key,
    request: { kind: action.type, workOrderId: action.workOrderId, body: action },
  };
  const work = onceByKey(db, scope, async (tx): Promise<FieldResult> => {
    const guard = await fieldGuard(tx, { ...p, workOrderId: action.workOrderId, lock: true });
    if (guard.conflict) return conflictAnswer(locale, guard.conflict, guard.wo?.version);
    const { wo } = guard;
    const [org] = await tx
      .select({ timeZone: organizations.timezone })
      .from(organizations)
      .where(eq(organizations.id, p.orgId));
    const at = stepTime(action.at, new Date(), wo.createdAt);
    const where = { lat: action.lat, lng: action.lng, happenedAt: at };
    const event = { orgId: p.orgId, workOrderId: wo.id, userId: p.userId, ...where };
    const status = statusAfter(wo.status, action.type);
    // What a stock step moved, for its audit entry.
    let stock: Record<string, unknown> | null = null;
    switch (action.type) {
      case 'on_the_way': {
        await tx.update(workOrders).set({ status, updatedAt: sql`now()` }).where(eq(workOrders.id, wo.id));
        await recordEvent(tx, { ...event, kind: 'on_the_way' });
        // Sent from a queue that waited (no signal on the road), "on the way" would arrive
        // after the technician did: told only while it is still news.
        if (onTheWayIsNews(wo, at, new Date()))
          await noticeOnTheWay(tx, { wo, actorUserId: p.userId, day: dayIn(at, org!.timeZone) });
        break;
      }
      case 'check_in':
        await tx
          .update(workOrders)
          .set({ status, checkInAt: at, checkInLat: action.lat, checkInLng: action.lng, updatedAt: sql`now()` })
          .where(eq(workOrders.id, wo.id));
        await recordEvent(tx, { ...event, kind: 'check_in' });
        break;
      case 'check_out':
        await tx
          .update(workOrders)
          .set({ status, checkOutAt: at, checkOutLat: action.lat, checkOutLng: action.lng, updatedAt: sql`now()` })
          .where(eq(workOrders.id, wo.id));
        await recordEvent(tx, { ...event, kind: 'check_out' });
        break;
      case 'checklist': {
        const item = wo.checklist.find((c) => c.id === action.itemId);
        if (!item) throw new AppError('validation', {}, { itemId: 'validation.invalid' });
        const checklist: ChecklistItem[] = wo.checklist.map((c) =>
          c.id === action.itemId ? { ...c, done: action.done, doneAt: action.done ? at.toISOString() : null } : c,
        );
        await tx.update(workOrders).set({ checklist, updatedAt: sql`now()` }).where(eq(workOrders.id, wo.id));
        await recordEvent(tx, {
          ...event,
          kind: 'checklist',
          data: { itemId: item.id, label: item.label, done: action.done },
        });
        break;
      }
      case 'note':
        await recordEvent(tx, { ...event, kind: 'note', data: { text: action.text } });
        break;
      case 'finish':
        await finishWorkOrder(tx, { wo, userId: p.userId, action, at, timeZone: org!.timeZone, ip: p.ip ?? null });
        break;
      case 'materials':
        stock = await recordMaterialsUsed(tx, { wo, userId: p.userId, lines: action.lines });
        break;
      case 'swap':
        stock = await swapUnits(tx, {
          wo,
          userId: p.userId,
          outSerial: action.outSerial,
          outTo: action.outTo,
          inSerial: action.inSerial,
          mac: action.macAddress ?? null,
          ip: p.ip ?? null,
        });
        break;
    }
    // The finish writes its own, fuller entry.
    if (action.type !== 'finish')
      await recordAudit(tx, {
        orgId: p.orgId,
        actorUserId: p.userId,
        ip: p.ip ?? null,
        action: 'workorder.field_step',
        entityType: 'work_order',
        entityId: wo.id,
        data: {
          step: action.type,
          at: at.toISOString(),
          ...(action.type === 'checklist' ? { itemId: action.itemId, done: action.done } : {}),
          ...(action.type === 'materials' ? { lines: action.lines } : {}),
          ...(action.type === 'swap'
            ? { outSerial: action.outSerial, inSerial: action.inSerial, outTo: action.outTo }
            : {}),
          ...(stock ?? {}),
        },
      });
    return { ok: true, version: wo.version };
  });
  return withPortGuard(work, () => (action.type === 'finish' ? action.odpPort : null));
}
