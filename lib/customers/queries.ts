import { and, asc, desc, eq, gt, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import {
  auditLogs,
  customers,
  memberships,
  odps,
  plans,
  routers,
  subscriptionHistory,
  subscriptions,
  users,
} from '@/db/schema';
import { searchCondition } from '@/lib/core/customer-search';
import { inOrganizationMonths } from '@/lib/core/org-months';
import { AppError } from '@/lib/server/errors';
import type { CustomerEvent, CustomerListInput, CustomerSort } from './schemas';

/** Resellers only ever see the customers attributed to them. */
export type Viewer = { orgId: string; resellerUserId?: string | null };

const PAGE = 25;

type SortKey = string | number;
function encode(value: SortKey, id: string) {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}
function decode(cursor: string | undefined): [SortKey, string] | null {
  if (!cursor) return null;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    return Array.isArray(parsed) && parsed.length === 2 ? (parsed as [SortKey, string]) : null;
  } catch {
    return null;
  }
}

const SORTS: Record<
  CustomerSort,
  {
    order: SQL[];
    key: (c: { createdAt: Date; number: number; name: string }) => SortKey;
    after: (v: SortKey, id: string) => SQL | undefined;
  }
> = {
  newest: {
    order: [desc(customers.createdAt), desc(customers.id)],
    key: (c) => c.createdAt.toISOString(),
    after: (v, id) =>
      sql`(${customers.createdAt}, ${customers.id}) < (${new Date(v).toISOString()}::timestamptz, ${id})`,
  },
  oldest: {
    order: [asc(customers.createdAt), asc(customers.id)],
    key: (c) => c.createdAt.toISOString(),
    after: (v, id) =>
      sql`(${customers.createdAt}, ${customers.id}) > (${new Date(v).toISOString()}::timestamptz, ${id})`,
  },
  number: { order: [asc(customers.number)], key: (c) => c.number, after: (v) => gt(customers.number, Number(v)) },
  name: {
    order: [asc(customers.name), asc(customers.id)],
    key: (c) => c.name,
    after: (v, id) => sql`(${customers.name}, ${customers.id}) > (${String(v)}, ${id})`,
  },
};

/**
 * Customers added, isolated or terminated within months `from`..`to` of the organization's
 * calendar. An isolation is a row in the status history (a customer isolated twice is listed once).
 */
function eventCondition(orgId: string, event: CustomerEvent, from: string, to: string) {
  if (event === 'joined') return inOrganizationMonths(customers.createdAt, orgId, from, to);
  return sql`${customers.id} in (
    select ${subscriptions.customerId} from ${subscriptionHistory}
    join ${subscriptions} on ${subscriptions.id} = ${subscriptionHistory.subscriptionId}
    where ${subscriptionHistory.organizationId} = ${orgId} and ${subscriptionHistory.toStatus} = ${event}
      and ${inOrganizationMonths(subscriptionHistory.createdAt, orgId, from, to)})`;
}

export async function listCustomers(db: Db, viewer: Viewer, f: CustomerListInput & { limit?: number; ids?: string[] }) {
  const limit = f.limit ?? PAGE;
  const sort = SORTS[f.sort ?? 'newest'];
  const cursor = decode(f.cursor);
  const rows = await db
    .select({
      id: customers.id,
      number: customers.number,
      name: customers.name,
      phone: customers.phone,
      area: customers.area,
      status: customers.status,
      // Looked up only for the rows on the page; a join would make Postgres read every match.
      planName: sql<string | null>`(select p.name from ${plans} p where p.id = "customers"."plan_id")`,
      createdAt: customers.createdAt,
    })
    .from(customers)
    .where(
      and(
        eq(customers.organizationId, viewer.orgId),
        viewer.resellerUserId ? eq(customers.resellerUserId, viewer.resellerUserId) : undefined,
        searchCondition(f.q),
        f.status ? eq(customers.status, f.status) : undefined,
        f.planId ? eq(customers.planId, f.planId) : undefined,
        f.area ? eq(customers.area, f.area) : undefined,
        f.resellerUserId ? eq(customers.resellerUserId, f.resellerUserId) : undefined,
        f.event && f.from ? eventCondition(viewer.orgId, f.event, f.from, f.to ?? f.from) : undefined,
        f.ids ? inArray(customers.id, f.ids) : undefined,
        cursor ? sort.after(cursor[0], cursor[1]) : undefined,
      ),
    )
    .orderBy(...sort.order)
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encode(sort.key(last), last.id) : null };
}

/** Filter choices for the customers list: areas in use and the organization's resellers. */
export async function customerFilterOptions(db: Db, orgId: string) {
  const [areas, resellers] = await Promise.all([
    db.execute<{ area: string }>(
      sql`select distinct area from ${customers} where organization_id = ${orgId} and area is not null order by area limit 200`,
    ),
    db
      .select({ id: users.id, name: users.name })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.organizationId, orgId), eq(memberships.role, 'reseller'))),
  ]);
  return { areas: areas.map((a) => a.area), resellers };
}

/** A subscription of the organization's (for a reseller: of their own customers), else not_found. */
export async function assertSubscriptionVisible(db: Db, viewer: Viewer, subscriptionId: string) {
  const [row] = await db
    .select({ id: subscriptions.id })
    .from(subscriptions)
    .innerJoin(
      customers,
      and(eq(customers.id, subscriptions.customerId), eq(customers.organizationId, subscriptions.organizationId)),
    )
    .where(
      and(
        eq(subscriptions.id, subscriptionId),
        eq(subscriptions.organizationId, viewer.orgId),
        viewer.resellerUserId ? eq(customers.resellerUserId, viewer.resellerUserId) : undefined,
      ),
    );
  if (!row) throw new AppError('not_found');
}

/**
 * Audit actions about money (payments, refunds, charges, invoices sent, wallet and commission):
 * their history sentences carry amounts, so a reader without billing access never gets them.
 */
export const MONEY_AUDIT_PREFIXES = ['payment.', 'billing.', 'invoice.', 'wallet.', 'commission.'] as const;

/** `money`: whether the reader may see billing (`billing.view`); without it the history leaves money out. */
export async function getCustomerDetail(db: Db, viewer: Viewer, customerId: string, opts: { money: boolean }) {
  const [customer] = await db
    .select()
    .from(customers)
    .where(
      and(
        eq(customers.id, customerId),
        eq(customers.organizationId, viewer.orgId),
        viewer.resellerUserId ? eq(customers.resellerUserId, viewer.resellerUserId) : undefined,
      ),
    );
  if (!customer) throw new AppError('not_found');
  const subs = await db
    .select({
      id: subscriptions.id,
      serviceUsername: subscriptions.serviceUsername,
      status: subscriptions.status,
      billingType: subscriptions.billingType,
      activatedAt: subscriptions.activatedAt,
      createdAt: subscriptions.createdAt,
      planId: plans.id,
      planName: plans.name,
      priceRupiah: plans.priceRupiah,
      serviceType: plans.serviceType,
      odpId: subscriptions.odpId,
      odpCode: odps.code,
      odpPort: subscriptions.odpPort,
      routerId: subscriptions.routerId,
      routerName: routers.name,
      routerStatus: routers.status,
      routerMode: routers.mode,
      remoteAddress: subscriptions.remoteAddress,
      localAddress: subscriptions.localAddress,
      callerId: subscriptions.callerId,
    })
    .from(subscriptions)
    .innerJoin(plans, eq(plans.id, subscriptions.planId))
    .leftJoin(odps, and(eq(odps.id, subscriptions.odpId), eq(odps.organizationId, subscriptions.organizationId)))
    .leftJoin(routers, eq(routers.id, subscriptions.routerId))
    .where(and(eq(subscriptions.customerId, customer.id), eq(subscriptions.organizationId, viewer.orgId)))
    .orderBy(desc(subscriptions.createdAt));
  const subIds = subs.map((s) => s.id);
  const [history, audit] = await Promise.all([
    subIds.length
      ? db
          .select({
            id: subscriptionHistory.id,
            subscriptionId: subscriptionHistory.subscriptionId,
            fromStatus: subscriptionHistory.fromStatus,
            toStatus: subscriptionHistory.toStatus,
            reason: subscriptionHistory.reason,
            jobId: subscriptionHistory.jobId,
            actorName: users.name,
            createdAt: subscriptionHistory.createdAt,
          })
          .from(subscriptionHistory)
          .leftJoin(users, eq(users.id, subscriptionHistory.actorUserId))
          .where(
            and(
              inArray(subscriptionHistory.subscriptionId, subIds),
              eq(subscriptionHistory.organizationId, viewer.orgId),
            ),
          )
          .orderBy(desc(subscriptionHistory.createdAt))
      : [],
    db
      .select({
        id: auditLogs.id,
        action: auditLogs.action,
        actorName: users.name,
        ip: auditLogs.ip,
        data: auditLogs.data,
        createdAt: auditLogs.createdAt,
      })
      .from(auditLogs)
      .leftJoin(users, eq(users.id, auditLogs.actorUserId))
      .where(
        and(
          eq(auditLogs.organizationId, viewer.orgId),
          inArray(auditLogs.entityId, [customer.id, ...subIds, ...(customer.leadId ? [customer.leadId] : [])]),
          opts.money
            ? undefined
            : sql`not (${sql.join(
                MONEY_AUDIT_PREFIXES.map((prefix) => sql`${auditLogs.action} like ${`${prefix}%`}`),
                sql` or `,
              )})`,
        ),
      )
      .orderBy(desc(auditLogs.createdAt))
      .limit(100),
  ]);
  return { customer, subscriptions: subs, history, audit };
}
