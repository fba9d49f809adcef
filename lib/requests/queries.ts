import { and, count, desc, eq, ilike, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { Db } from '@/db/client';
import {
  customers,
  organizations,
  pendingCharges,
  plans,
  serviceRequests,
  subscriptions,
  users,
  workOrders,
} from '@/db/schema';
import { AppError } from '@/lib/server/errors';
import { afterCursor, decodeCursor, toPage } from '@/lib/server/pagination';
import { contains } from '@/lib/server/search';
import type { listRequestsSchema } from './schemas';

const PAGE = 25;
export const EXPORT_LIMIT = 5000;

function filters(p: { orgId: string } & Omit<z.output<typeof listRequestsSchema>, 'cursor'>) {
  const q = p.q && p.q.length > 0 ? p.q : undefined;
  const n = q && /^\d{1,9}$/.test(q) ? Number(q) : null;
  return and(
    eq(serviceRequests.organizationId, p.orgId),
    p.status ? eq(serviceRequests.status, p.status) : undefined,
    p.kind ? eq(serviceRequests.kind, p.kind) : undefined,
    q
      ? or(
          ilike(customers.name, contains(q)),
          ilike(subscriptions.serviceUsername, contains(q)),
          ilike(customers.phone, contains(q.replace(/^0/, ''))),
          n !== null ? eq(customers.number, n) : undefined,
        )
      : undefined,
  );
}

const listColumns = {
  id: serviceRequests.id,
  kind: serviceRequests.kind,
  status: serviceRequests.status,
  channel: serviceRequests.channel,
  details: serviceRequests.details,
  decisionNote: serviceRequests.decisionNote,
  decidedAt: serviceRequests.decidedAt,
  effectiveOn: serviceRequests.effectiveOn,
  createdAt: serviceRequests.createdAt,
  customerId: customers.id,
  customerName: customers.name,
  customerNumber: customers.number,
  customerPhone: customers.phone,
  serviceUsername: subscriptions.serviceUsername,
};

function baseList(db: Db) {
  return db
    .select(listColumns)
    .from(serviceRequests)
    .innerJoin(
      customers,
      and(eq(customers.id, serviceRequests.customerId), eq(customers.organizationId, serviceRequests.organizationId)),
    )
    .innerJoin(
      subscriptions,
      and(
        eq(subscriptions.id, serviceRequests.subscriptionId),
        eq(subscriptions.organizationId, serviceRequests.organizationId),
      ),
    );
}

/** Staff's list: newest first by keyset, filtered by status, kind and a search. */
export async function listServiceRequests(db: Db, p: { orgId: string } & z.output<typeof listRequestsSchema>) {
  const rows = await baseList(db)
    .where(and(filters(p), afterCursor(serviceRequests.createdAt, serviceRequests.id, decodeCursor(p.cursor))))
    .orderBy(desc(serviceRequests.createdAt), desc(serviceRequests.id))
    .limit(PAGE + 1);
  return toPage(rows, PAGE);
}
export type ServiceRequestRow = Awaited<ReturnType<typeof listServiceRequests>>['items'][number];

/** Every row the filters match (up to EXPORT_LIMIT), for the CSV export. */
export async function serviceRequestsForExport(
  db: Db,
  p: { orgId: string } & Omit<z.output<typeof listRequestsSchema>, 'cursor'>,
) {
  const rows = await baseList(db)
    .where(filters(p))
    .orderBy(desc(serviceRequests.createdAt), desc(serviceRequests.id))
    .limit(EXPORT_LIMIT + 1);
  return { rows: rows.slice(0, EXPORT_LIMIT), truncated: rows.length > EXPORT_LIMIT };
}

/** Pending requests, for the navigation badge and the dashboard. */
export async function countPendingRequests(db: Db, p: { orgId: string }) {
  const [row] = await db
    .select({ n: count() })
    .from(serviceRequests)
    .where(and(eq(serviceRequests.organizationId, p.orgId), eq(serviceRequests.status, 'pending')));
  return row?.n ?? 0;
}

/** One request with its customer, subscription, plans, the decider and what approval made. */
export async function getServiceRequest(db: Db, p: { orgId: string; id: string }) {
  const decider = alias(users, 'decider');
  const [row] = await db
    .select({
      request: serviceRequests,
      customerName: customers.name,
      customerNumber: customers.number,
      customerPhone: customers.phone,
      customerAddress: customers.address,
      serviceUsername: subscriptions.serviceUsername,
      subscriptionStatus: subscriptions.status,
      planName: plans.name,
      planPrice: plans.priceRupiah,
      deciderName: decider.name,
      timezone: organizations.timezone,
      workOrderNumber: workOrders.number,
      chargeAmount: pendingCharges.amount,
    })
    .from(serviceRequests)
    .innerJoin(organizations, eq(organizations.id, serviceRequests.organizationId))
    .innerJoin(
      customers,
      and(eq(customers.id, serviceRequests.customerId), eq(customers.organizationId, serviceRequests.organizationId)),
    )
    .innerJoin(
      subscriptions,
      and(
        eq(subscriptions.id, serviceRequests.subscriptionId),
        eq(subscriptions.organizationId, serviceRequests.organizationId),
      ),
    )
    .leftJoin(plans, and(eq(plans.id, subscriptions.planId), eq(plans.organizationId, serviceRequests.organizationId)))
    .leftJoin(decider, eq(decider.id, serviceRequests.decidedBy))
    .leftJoin(
      workOrders,
      and(
        eq(workOrders.id, serviceRequests.workOrderId),
        eq(workOrders.organizationId, serviceRequests.organizationId),
      ),
    )
    .leftJoin(
      pendingCharges,
      and(
        eq(pendingCharges.id, serviceRequests.chargeId),
        eq(pendingCharges.organizationId, serviceRequests.organizationId),
      ),
    )
    .where(and(eq(serviceRequests.id, p.id), eq(serviceRequests.organizationId, p.orgId)));
  if (!row) throw new AppError('not_found');
  // A plan change names the plan asked for.
  const d = row.request.details as { planId?: string };
  const [asked] = d.planId
    ? await db
        .select({ name: plans.name, price: plans.priceRupiah })
        .from(plans)
        .where(and(eq(plans.id, d.planId), eq(plans.organizationId, p.orgId)))
    : [];
  return { ...row, askedPlan: asked ?? null };
}

/** Plan names by id, for describing plan changes in lists. */
export async function planNames(db: Db, p: { orgId: string }) {
  const rows = await db.select({ id: plans.id, name: plans.name }).from(plans).where(eq(plans.organizationId, p.orgId));
  return Object.fromEntries(rows.map((r) => [r.id, r.name]));
}
