import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { customers, invoices, memberships, resellerCommissions, resellerSettings, users, wallets } from '@/db/schema';
import { resellerMapStatusCounts } from '@/lib/infrastructure/map-customers';
import { AppError } from '@/lib/server/errors';
import { afterCursor, decodeCursor, toPage } from '@/lib/server/pagination';

type Reseller = { orgId: string; resellerUserId: string };

/** Months (YYYY-MM, the organization's time zone) are where the reseller lives, not UTC. */
const orgZone = (orgId: string) => sql`(select o.timezone from organizations o where o.id = ${orgId})`;

export type CommissionMonth = { month: string; credited: number; count: number; reversed: number; net: number };

/**
 * Commission per month, newest first, for the last `months` months (months with nothing
 * included). A commission counts in the month it was credited; a reversal in the month of
 * the refund, so a closed month never changes.
 */
export async function commissionMonths(db: Db, p: Reseller & { months?: number }): Promise<CommissionMonth[]> {
  const months = p.months ?? 12;
  const rows = await db.execute<{ month: string; credited: string; count: number; reversed: string }>(sql`
    with zone as (select ${orgZone(p.orgId)} as tz),
    series as (
      select to_char(m, 'YYYY-MM') as month
      from generate_series(
        date_trunc('month', now() at time zone (select tz from zone)) - make_interval(months => ${months - 1}),
        date_trunc('month', now() at time zone (select tz from zone)), interval '1 month') m),
    mine as (select * from ${resellerCommissions} c where c.organization_id = ${p.orgId} and c.reseller_user_id = ${p.resellerUserId}),
    credited as (
      select to_char(created_at at time zone (select tz from zone), 'YYYY-MM') as month, sum(amount) as total, count(*)::int as n
      from mine group by 1),
    reversed as (
      select to_char(reversed_at at time zone (select tz from zone), 'YYYY-MM') as month, sum(amount) as total
      from mine where reversed_at is not null group by 1)
    select s.month, coalesce(c.total, 0) as credited, coalesce(c.n, 0) as count, coalesce(r.total, 0) as reversed
    from series s left join credited c using (month) left join reversed r using (month)
    order by s.month desc`);
  return rows.map((r) => ({
    month: r.month,
    credited: Number(r.credited),
    count: r.count,
    reversed: Number(r.reversed),
    net: Number(r.credited) - Number(r.reversed),
  }));
}

/** The reseller's commissions, newest first, with the invoice and customer they came from. */
export async function listCommissions(db: Db, p: Reseller & { cursor?: string; limit?: number }) {
  const limit = p.limit ?? 25;
  const rows = await db
    .select({
      id: resellerCommissions.id,
      invoiceNumber: invoices.number,
      period: invoices.period,
      customerName: customers.name,
      customerNumber: customers.number,
      baseAmount: resellerCommissions.baseAmount,
      rateBps: resellerCommissions.rateBps,
      amount: resellerCommissions.amount,
      status: resellerCommissions.status,
      reversedAt: resellerCommissions.reversedAt,
      createdAt: resellerCommissions.createdAt,
    })
    .from(resellerCommissions)
    .innerJoin(invoices, eq(invoices.id, resellerCommissions.invoiceId))
    .innerJoin(customers, eq(customers.id, resellerCommissions.customerId))
    .where(
      and(
        eq(resellerCommissions.organizationId, p.orgId),
        eq(resellerCommissions.resellerUserId, p.resellerUserId),
        afterCursor(resellerCommissions.createdAt, resellerCommissions.id, decodeCursor(p.cursor)),
      ),
    )
    .orderBy(desc(resellerCommissions.createdAt), desc(resellerCommissions.id))
    .limit(limit + 1);
  return toPage(rows, limit);
}

/** The numbers on the reseller's dashboard (online = the map's rule, lib/network). */
export async function resellerSummary(db: Db, p: Reseller) {
  const [[row], months, statuses] = await Promise.all([
    db.execute<{
      customers: number;
      active: number;
      unpaid: number;
      outstanding: string;
      owed: string;
      rate: number | null;
    }>(sql`
      select
        (select count(*)::int from ${customers} c where c.organization_id = ${p.orgId} and c.reseller_user_id = ${p.resellerUserId} and c.status <> 'terminated') as customers,
        (select count(*)::int from ${customers} c where c.organization_id = ${p.orgId} and c.reseller_user_id = ${p.resellerUserId} and c.status = 'active') as active,
        (select count(*)::int from ${invoices} i join ${customers} c on c.id = i.customer_id
          where i.organization_id = ${p.orgId} and c.reseller_user_id = ${p.resellerUserId} and i.status in ('unpaid', 'partial')) as unpaid,
        (select coalesce(sum(i.total - i.paid_amount), 0) from ${invoices} i join ${customers} c on c.id = i.customer_id
          where i.organization_id = ${p.orgId} and c.reseller_user_id = ${p.resellerUserId} and i.status in ('unpaid', 'partial')) as outstanding,
        (select coalesce(sum(amount), 0) from ${resellerCommissions} rc
          where rc.organization_id = ${p.orgId} and rc.reseller_user_id = ${p.resellerUserId} and rc.status = 'reversal_pending') as owed,
        (select rs.commission_rate_bps from ${resellerSettings} rs
          where rs.organization_id = ${p.orgId} and rs.reseller_user_id = ${p.resellerUserId} and rs.active) as rate`),
    commissionMonths(db, { ...p, months: 1 }),
    resellerMapStatusCounts(db, p),
  ]);
  return {
    customers: row?.customers ?? 0,
    active: row?.active ?? 0,
    // The map's rule: active and seen online; offline = should be online but is not.
    online: statuses.active ?? 0,
    offline: statuses.offline ?? 0,
    unpaidInvoices: row?.unpaid ?? 0,
    outstanding: Number(row?.outstanding ?? 0),
    owed: Number(row?.owed ?? 0),
    rateBps: row?.rate ?? null,
    thisMonth: months[0] ?? { month: '', credited: 0, count: 0, reversed: 0, net: 0 },
  };
}

/** The organization's resellers (members with the reseller role) for the staff page. */
export async function listResellers(db: Db, p: { orgId: string; resellerUserId?: string }) {
  const rows = await db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      memberActive: memberships.active,
      rateBps: resellerSettings.commissionRateBps,
      settingsActive: resellerSettings.active,
      notes: resellerSettings.notes,
      balance: wallets.balance,
      customers: sql<number>`(select count(*)::int from ${customers} c where c.organization_id = ${p.orgId} and c.reseller_user_id = ${users.id} and c.status <> 'terminated')`,
      thisMonth: sql<string>`(select coalesce(sum(rc.amount), 0) from ${resellerCommissions} rc
        where rc.organization_id = ${p.orgId} and rc.reseller_user_id = ${users.id}
        and rc.created_at >= (date_trunc('month', now() at time zone ${orgZone(p.orgId)}) at time zone ${orgZone(p.orgId)}))`,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(
      resellerSettings,
      and(
        eq(resellerSettings.organizationId, memberships.organizationId),
        eq(resellerSettings.resellerUserId, memberships.userId),
      ),
    )
    .leftJoin(
      wallets,
      and(eq(wallets.organizationId, memberships.organizationId), eq(wallets.resellerUserId, memberships.userId)),
    )
    .where(
      and(
        eq(memberships.organizationId, p.orgId),
        eq(memberships.role, 'reseller'),
        p.resellerUserId ? eq(memberships.userId, p.resellerUserId) : undefined,
      ),
    )
    .orderBy(users.name);
  return rows.map((r) => ({
    ...r,
    rateBps: r.rateBps ?? 0,
    settingsActive: r.settingsActive ?? false,
    balance: r.balance ?? 0,
    thisMonth: Number(r.thisMonth),
  }));
}

/** One reseller of the organization; anyone else (another organization, a staff member) is not found. */
export async function getReseller(db: Db, p: Reseller) {
  const [reseller] = await listResellers(db, { orgId: p.orgId, resellerUserId: p.resellerUserId });
  if (!reseller) throw new AppError('not_found');
  const [summary, months, recent] = await Promise.all([
    resellerSummary(db, p),
    commissionMonths(db, p),
    listCommissions(db, { ...p, limit: 10 }),
  ]);
  return { reseller, summary, months, recent: recent.items };
}
