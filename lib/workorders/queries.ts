import { and, asc, desc, eq, exists, gte, ilike, lte, or, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import {
  customers,
  memberships,
  odps,
  tickets,
  users,
  workOrderEvents,
  workOrderPhotos,
  workOrders,
  workOrderTechnicians,
} from '@/db/schema';
import { AppError } from '@/lib/server/errors';
import { afterCursor, decodeCursor, toPage } from '@/lib/server/pagination';
import { contains } from '@/lib/server/search';
import { formatWorkOrderNumber, needsSignature } from './constants';
import type { WorkOrderListInput } from './schemas';

/** "SPK-000123", "spk 123" or "123": the number someone reads off the paper. */
function numberIn(q: string): number | null {
  const m = /^(?:spk[\s-]*)?0*(\d{1,9})$/i.exec(q.trim());
  return m ? Number(m[1]) : null;
}

/**
 * Limits a query to the work orders `userId` is assigned to. A technician's role can view work
 * orders, but only their own: another technician's customers, photos and signatures are not
 * theirs to open (the warehouse, which also views, keeps the whole list).
 */
export function assignedTo(db: Db, p: { orgId: string; userId?: string }) {
  if (!p.userId) return undefined;
  return exists(
    db
      .select({ one: sql`1` })
      .from(workOrderTechnicians)
      .where(
        and(
          eq(workOrderTechnicians.workOrderId, workOrders.id),
          eq(workOrderTechnicians.organizationId, p.orgId),
          eq(workOrderTechnicians.userId, p.userId),
        ),
      ),
  );
}

/** The office's list, newest first, keyset-paged; filtered by status, type, visit day and technician. */
export async function listWorkOrders(db: Db, p: { orgId: string; onlyAssignedTo?: string } & WorkOrderListInput) {
  const number = p.q ? numberIn(p.q) : null;
  const rows = await db
    .select({
      id: workOrders.id,
      number: workOrders.number,
      type: workOrders.type,
      status: workOrders.status,
      scheduledDate: workOrders.scheduledDate,
      windowStart: workOrders.windowStart,
      windowEnd: workOrders.windowEnd,
      address: workOrders.address,
      customerId: workOrders.customerId,
      customerName: customers.name,
      createdAt: workOrders.createdAt,
      technicians: sql<string[]>`coalesce((
        select array_agg(u.name order by t.created_at) from ${workOrderTechnicians} t
        join ${users} u on u.id = t.user_id
        where t.work_order_id = ${workOrders.id} and t.organization_id = ${p.orgId}
      ), '{}')`,
    })
    .from(workOrders)
    .leftJoin(customers, and(eq(customers.id, workOrders.customerId), eq(customers.organizationId, p.orgId)))
    .where(
      and(
        eq(workOrders.organizationId, p.orgId),
        assignedTo(db, { orgId: p.orgId, userId: p.onlyAssignedTo }),
        p.status ? eq(workOrders.status, p.status) : undefined,
        p.type ? eq(workOrders.type, p.type) : undefined,
        p.from ? gte(workOrders.scheduledDate, p.from) : undefined,
        p.to ? lte(workOrders.scheduledDate, p.to) : undefined,
        assignedTo(db, { orgId: p.orgId, userId: p.technicianId }),
        p.q
          ? or(
              number !== null ? eq(workOrders.number, number) : undefined,
              ilike(customers.name, contains(p.q)),
              ilike(workOrders.address, contains(p.q)),
            )
          : undefined,
        afterCursor(workOrders.createdAt, workOrders.id, decodeCursor(p.cursor)),
      ),
    )
    .orderBy(desc(workOrders.createdAt), desc(workOrders.id))
    .limit((p.limit ?? 25) + 1);
  const page = toPage(rows, p.limit ?? 25);
  return { ...page, items: page.items.map((r) => ({ ...r, numberText: formatWorkOrderNumber(r.number) })) };
}

/** Active members with the technician role, by name. */
export async function listTechnicians(db: Db, p: { orgId: string }) {
  return db
    .select({ id: users.id, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(eq(memberships.organizationId, p.orgId), eq(memberships.role, 'technician'), eq(memberships.active, true)),
    )
    .orderBy(asc(users.name));
}

/** One work order for the office: the visit, the people, the checklist, photos, signature and timeline. */
export async function getWorkOrderDetail(db: Db, p: { orgId: string; id: string; onlyAssignedTo?: string }) {
  const [row] = await db
    .select({
      wo: workOrders,
      customerName: customers.name,
      customerPhone: customers.phone,
      customerNumber: customers.number,
      odpCode: odps.code,
      ticketNumber: tickets.number,
      ticketSubject: tickets.subject,
      createdByName: users.name,
    })
    .from(workOrders)
    .leftJoin(customers, and(eq(customers.id, workOrders.customerId), eq(customers.organizationId, p.orgId)))
    .leftJoin(odps, and(eq(odps.id, workOrders.odpId), eq(odps.organizationId, p.orgId)))
    .leftJoin(tickets, and(eq(tickets.id, workOrders.ticketId), eq(tickets.organizationId, p.orgId)))
    .leftJoin(users, eq(users.id, workOrders.createdBy))
    .where(
      and(
        eq(workOrders.id, p.id),
        eq(workOrders.organizationId, p.orgId),
        assignedTo(db, { orgId: p.orgId, userId: p.onlyAssignedTo }),
      ),
    );
  if (!row) throw new AppError('not_found');
  const { wo } = row;
  const [technicians, photos, events] = await Promise.all([
    db
      .select({ id: users.id, name: users.name })
      .from(workOrderTechnicians)
      .innerJoin(users, eq(users.id, workOrderTechnicians.userId))
      .where(and(eq(workOrderTechnicians.workOrderId, wo.id), eq(workOrderTechnicians.organizationId, p.orgId)))
      .orderBy(asc(workOrderTechnicians.createdAt)),
    db
      .select({ id: workOrderPhotos.id, caption: workOrderPhotos.caption, takenAt: workOrderPhotos.takenAt })
      .from(workOrderPhotos)
      .where(and(eq(workOrderPhotos.workOrderId, wo.id), eq(workOrderPhotos.organizationId, p.orgId)))
      .orderBy(asc(workOrderPhotos.takenAt)),
    db
      .select({
        id: workOrderEvents.id,
        kind: workOrderEvents.kind,
        data: workOrderEvents.data,
        latitude: workOrderEvents.latitude,
        longitude: workOrderEvents.longitude,
        happenedAt: workOrderEvents.happenedAt,
        userName: users.name,
      })
      .from(workOrderEvents)
      .leftJoin(users, eq(users.id, workOrderEvents.userId))
      .where(and(eq(workOrderEvents.workOrderId, wo.id), eq(workOrderEvents.organizationId, p.orgId)))
      .orderBy(desc(workOrderEvents.happenedAt), desc(workOrderEvents.createdAt))
      .limit(200),
  ]);
  return {
    ...wo,
    // Never sent to the browser: the file route serves it.
    signaturePath: undefined,
    signed: Boolean(wo.signaturePath),
    numberText: formatWorkOrderNumber(wo.number),
    requiresSignature: needsSignature(wo.type),
    customer:
      wo.customerId && row.customerName
        ? { id: wo.customerId, name: row.customerName, phone: row.customerPhone! }
        : null,
    odpCode: row.odpCode,
    ticket:
      wo.ticketId && row.ticketNumber
        ? { id: wo.ticketId, number: row.ticketNumber, subject: row.ticketSubject ?? '' }
        : null,
    createdByName: row.createdByName,
    technicians,
    photos,
    events,
  };
}
export type WorkOrderDetail = Awaited<ReturnType<typeof getWorkOrderDetail>>;
