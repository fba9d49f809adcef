import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';

/** Days past the due date of what is still owed; `current` = not yet due. */
export const AGING_BUCKETS = ['current', '1-30', '31-60', '61-90', '90+'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

/**
 * The organization's zone, today and month starts in it: every "this month" below is the
 * operator's calendar month, not UTC's. Read once and passed to the queries as constants, so
 * the planner sees real dates (and picks the date-range indexes) instead of an expression.
 */
type Calendar = { tz: string; today: string; cur: string; prev: string; fourBack: string; first: string };

async function calendar(db: Db, orgId: string): Promise<Calendar> {
  const [row] = await db.execute<Calendar>(sql`
    select tz, to_char(today, 'YYYY-MM-DD') as today, to_char(m, 'YYYY-MM-DD') as cur,
      to_char(m - interval '1 month', 'YYYY-MM-DD') as prev, to_char(m - interval '3 months', 'YYYY-MM-DD') as "fourBack",
      to_char(m - interval '11 months', 'YYYY-MM-DD') as first
    from (select o.timezone as tz, (now() at time zone o.timezone)::date as today,
      date_trunc('month', (now() at time zone o.timezone)::date) as m from organizations o where o.id = ${orgId}) x`);
  if (!row) throw new Error('organization not found');
  return row;
}

/**
 * Runs `fn` with the session's time zone set to the organization's, for this transaction:
 * a date compared with or a timestamp truncated in the session zone costs next to nothing,
 * while `at time zone '<name>'` on every row of a 400,000-row aggregate doubled its time.
 */
function inZone<T>(db: Db, tz: string, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('TimeZone', ${tz}, true)`);
    return fn(tx);
  });
}

/** The start of a calendar day of the organization, as a timestamptz. */
const startOf = (cal: Calendar, day: string) => sql`(${day}::timestamp at time zone ${cal.tz})`;

const n = (v: unknown) => Number(v ?? 0);

/** Customers by status, and the monthly recurring revenue of the active ones by plan and area. */
async function customerMix(db: Db, orgId: string) {
  // One pass over the organization's customers; plans x areas stays small, the split into
  // "by plan" and "by area" is done here rather than with a second scan.
  const [rows, planRows] = await Promise.all([
    db.execute<{ planId: string | null; area: string | null; active: number; isolated: number }>(sql`
      select c.plan_id as "planId", c.area,
        count(*) filter (where c.status = 'active')::int as active,
        count(*) filter (where c.status = 'isolated')::int as isolated
      from customers c
      where c.organization_id = ${orgId} and c.status in ('active', 'isolated')
      group by c.plan_id, c.area`),
    db.execute<{ id: string; name: string; price: number }>(sql`
      select id, name, price_rupiah as price from plans where organization_id = ${orgId}`),
  ]);
  // Prices applied here rather than joined per customer row: plans are few.
  const plansById = new Map(planRows.map((p) => [p.id, { name: p.name, price: n(p.price) }]));
  const byPlan = new Map<string, { planId: string; name: string; customers: number; mrr: number }>();
  const byArea = new Map<string, { area: string; customers: number; mrr: number }>();
  let active = 0;
  let isolated = 0;
  let mrr = 0;
  for (const r of rows) {
    active += r.active;
    isolated += r.isolated;
    if (r.active === 0) continue;
    const plan = r.planId ? plansById.get(r.planId) : undefined;
    const amount = (plan?.price ?? 0) * r.active;
    mrr += amount;
    if (r.planId && plan) {
      const p = byPlan.get(r.planId) ?? { planId: r.planId, name: plan.name, customers: 0, mrr: 0 };
      p.customers += r.active;
      p.mrr += amount;
      byPlan.set(r.planId, p);
    }
    const key = r.area ?? '';
    const a = byArea.get(key) ?? { area: key, customers: 0, mrr: 0 };
    a.customers += r.active;
    a.mrr += amount;
    byArea.set(key, a);
  }
  const top = <T extends { mrr: number }>(m: Map<string, T>) => [...m.values()].sort((x, y) => y.mrr - x.mrr);
  return { active, isolated, mrr, byPlan: top(byPlan), byArea: top(byArea).slice(0, 10) };
}

/**
 * Per invoice month (the last four): invoiced, paid so far, and paid in full by the due date
 * (the collection rate by due date). Void invoices are left out; a carried invoice counts
 * what it asked for, and the later invoice that took its rest asks for it again.
 */
async function collections(db: Db, orgId: string, cal: Calendar) {
  const rows = await inZone(db, cal.tz, (tx) =>
    tx.execute<{ period: string; invoices: number; billed: number; paid: number; onTime: number }>(sql`
      select to_char(i.period, 'YYYY-MM-DD') as period, count(*)::int as invoices,
        sum(i.total)::bigint as billed, sum(least(i.paid_amount, i.total))::bigint as paid,
        coalesce(sum(i.total) filter (where i.paid_at < i.due_date + 1), 0)::bigint as "onTime"
      from invoices i
      where i.organization_id = ${orgId} and i.period between ${cal.fourBack}::date and ${cal.cur}::date and i.status <> 'void'
      group by i.period order by i.period`),
  );
  return rows.map((r) => ({
    period: r.period,
    invoices: r.invoices,
    billed: n(r.billed),
    paid: n(r.paid),
    onTime: n(r.onTime),
  }));
}

/** What is still owed by days past due, and the largest open invoices. */
async function receivables(db: Db, orgId: string, cal: Calendar) {
  const [buckets, top] = await Promise.all([
    // Summed per due date first (a handful of dates, in index order), bucketed after: the
    // bucket expression on each of the open invoices was half of this query's time.
    db.execute<{ bucket: AgingBucket; invoices: number; amount: number }>(sql`
      select case when d.due_date >= ${cal.today}::date then 'current'
          when ${cal.today}::date - d.due_date <= 30 then '1-30'
          when ${cal.today}::date - d.due_date <= 60 then '31-60'
          when ${cal.today}::date - d.due_date <= 90 then '61-90'
          else '90+' end as bucket,
        sum(d.invoices)::int as invoices, sum(d.amount)::bigint as amount
      from (
        select i.due_date, count(*) as invoices, sum(i.total - i.paid_amount) as amount
        from invoices i
        where i.organization_id = ${orgId} and i.status in ('unpaid', 'partial')
        group by i.due_date) d
      group by 1`),
    // The largest open invoices: the billing run carries an unpaid rest into the next
    // invoice, so a customer's latest open invoice holds what they owe. Read in index order
    // (five rows), where summing per customer meant grouping every open invoice.
    db.execute<{
      invoiceId: string;
      number: string;
      customerId: string;
      name: string;
      owed: number;
      dueDate: string;
    }>(sql`
      select i.id as "invoiceId", i.number, i.customer_id as "customerId", c.name, (i.total - i.paid_amount)::bigint as owed,
        to_char(i.due_date, 'YYYY-MM-DD') as "dueDate"
      from invoices i join customers c on c.id = i.customer_id
      where i.organization_id = ${orgId} and i.status in ('unpaid', 'partial')
      order by (i.total - i.paid_amount) desc, i.id desc limit 5`),
  ]);
  const found = new Map(buckets.map((b) => [b.bucket, b]));
  return {
    aging: AGING_BUCKETS.map((bucket) => ({
      bucket,
      invoices: found.get(bucket)?.invoices ?? 0,
      amount: n(found.get(bucket)?.amount),
    })),
    topUnpaid: top.map((r) => ({ ...r, owed: n(r.owed) })),
  };
}

/** Money in (approved payments) and vouchers sold, this month and last. */
async function monthTotals(db: Db, orgId: string, cal: Calendar) {
  const [row] = await db.execute<{
    collectedCur: number;
    collectedPrev: number;
    vouchersCur: number;
    vouchersPrev: number;
    voucherSalesCur: number;
    voucherSalesPrev: number;
  }>(sql`
    with b as (select ${startOf(cal, cal.cur)} as cur, ${startOf(cal, cal.prev)} as prev),
    pay as (
      select coalesce(sum(p.amount) filter (where p.created_at >= b.cur), 0)::bigint as cur,
        coalesce(sum(p.amount) filter (where p.created_at < b.cur), 0)::bigint as prev
      from payments p, b
      where p.organization_id = ${orgId} and p.status = 'approved' and p.created_at >= ${startOf(cal, cal.prev)}),
    vch as (
      select count(*) filter (where v.sold_at >= b.cur)::int as cur, count(*) filter (where v.sold_at < b.cur)::int as prev,
        -- The ISP's takings, as in the voucher sales report: the card price on its own sales,
        -- the reseller price on a reseller's.
        coalesce(sum(case when v.reseller_user_id is null then vb.price_rupiah else vb.cost_rupiah end)
          filter (where v.sold_at >= b.cur), 0)::bigint as sales_cur,
        coalesce(sum(case when v.reseller_user_id is null then vb.price_rupiah else vb.cost_rupiah end)
          filter (where v.sold_at < b.cur), 0)::bigint as sales_prev
      from vouchers v join voucher_batches vb on vb.id = v.batch_id, b
      where v.organization_id = ${orgId} and v.sold_at >= ${startOf(cal, cal.prev)})
    select pay.cur as "collectedCur", pay.prev as "collectedPrev", vch.cur as "vouchersCur", vch.prev as "vouchersPrev",
      vch.sales_cur as "voucherSalesCur", vch.sales_prev as "voucherSalesPrev"
    from pay, vch`);
  return {
    collected: { current: n(row?.collectedCur), previous: n(row?.collectedPrev) },
    vouchers: {
      current: n(row?.vouchersCur),
      previous: n(row?.vouchersPrev),
      sales: n(row?.voucherSalesCur),
      salesPrevious: n(row?.voucherSalesPrev),
    },
  };
}

/**
 * New customers (by when they were added), churned (subscriptions terminated) and isolated
 * (subscriptions moved to isolated) per month, the last twelve months. Isolations are
 * counted as they happened: a subscription isolated twice in a month counts twice (rare,
 * and counting distinct subscriptions made this the slowest figure of the page).
 *
 * One plain count per month and kind over an index range between the organization's month
 * starts: a quarter of the time of grouping every row by its month truncated in the zone.
 * The months come from an integer series, whose length the planner knows: a date series is
 * estimated at 1,000 rows, which priced this query past the JIT threshold, and compiling it
 * doubled its time.
 */
async function movement(db: Db, orgId: string, cal: Calendar) {
  return db.execute<{ month: string; kind: 'new' | 'terminated' | 'isolated'; n: number }>(sql`
    with m as (
      select to_char(d, 'YYYY-MM-DD') as month, d::timestamp at time zone ${cal.tz} as lo,
        (d + interval '1 month')::timestamp at time zone ${cal.tz} as hi
      from (select ${cal.first}::date + k * interval '1 month' as d from generate_series(0, 11) k) s)
    select m.month, 'new' as kind, (select count(*) from customers c
      where c.organization_id = ${orgId} and c.created_at >= m.lo and c.created_at < m.hi)::int as n
    from m
    union all
    select m.month, k.kind, (select count(*) from subscription_history h
      where h.organization_id = ${orgId} and h.to_status = k.kind and h.created_at >= m.lo and h.created_at < m.hi)::int
    from m, (values ('terminated'), ('isolated')) k(kind)`);
}

/** Month starts (YYYY-MM-01) from `first` to `cur`, for series that must show empty months. */
export function monthsBetween(first: string, cur: string): string[] {
  const out: string[] = [];
  let [y, m] = first.split('-').map(Number) as [number, number];
  const end = cur.slice(0, 7);
  for (let i = 0; i < 24; i++) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    out.push(`${key}-01`);
    if (key >= end) break;
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

export async function financeDashboard(db: Db, p: { orgId: string }) {
  const { orgId } = p;
  const cal = await calendar(db, orgId);
  const [mix, periods, owed, totals, moves] = await Promise.all([
    customerMix(db, orgId),
    collections(db, orgId, cal),
    receivables(db, orgId, cal),
    monthTotals(db, orgId, cal),
    movement(db, orgId, cal),
  ]);
  const months = monthsBetween(cal.first, cal.cur).map((month) => {
    const of = (kind: string) => moves.find((r) => r.month === month && r.kind === kind)?.n ?? 0;
    return { month, new: of('new'), churned: of('terminated'), isolated: of('isolated') };
  });
  const billedOf = (period: string) => periods.find((x) => x.period === period)?.billed ?? 0;
  return {
    today: cal.today,
    period: cal.cur,
    previousPeriod: cal.prev,
    customers: { active: mix.active, isolated: mix.isolated },
    mrr: mix.mrr,
    billed: { current: billedOf(cal.cur), previous: billedOf(cal.prev) },
    collected: totals.collected,
    vouchers: totals.vouchers,
    collections: periods,
    aging: owed.aging,
    outstanding: owed.aging.reduce((s, b) => s + b.amount, 0),
    topUnpaid: owed.topUnpaid,
    movement: months,
    revenueByPlan: mix.byPlan,
    revenueByArea: mix.byArea,
  };
}
export type FinanceDashboard = Awaited<ReturnType<typeof financeDashboard>>;
