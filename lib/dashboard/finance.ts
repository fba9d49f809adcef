import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';

/** Days past the due date of what is still owed; `current` = not yet due. */
export const AGING_BUCKETS = ['current', '1-30', '31-60', '61-90', '90+'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

// The organization's today and month starts, in its own zone: every "this month" below is
// the operator's calendar month, not UTC's.
const calendar = (orgId: string) => sql`
  select o.timezone as tz, d.today, date_trunc('month', d.today)::date as cur,
    (date_trunc('month', d.today) - interval '1 month')::date as prev,
    (date_trunc('month', d.today) - interval '11 months')::date as first
  from organizations o, lateral (select (now() at time zone o.timezone)::date as today) d
  where o.id = ${orgId}`;

const n = (v: unknown) => Number(v ?? 0);

/** Customers by status, and the monthly recurring revenue of the active ones by plan and area. */
async function customerMix(db: Db, orgId: string) {
  // One pass over the organization's customers; plans x areas stays small, the split into
  // "by plan" and "by area" is done here rather than with a second scan.
  const rows = await db.execute<{
    planId: string | null;
    plan: string | null;
    area: string | null;
    active: number;
    isolated: number;
    mrr: number;
  }>(sql`
    select c.plan_id as "planId", p.name as plan, c.area,
      count(*) filter (where c.status = 'active')::int as active,
      count(*) filter (where c.status = 'isolated')::int as isolated,
      coalesce(sum(p.price_rupiah) filter (where c.status = 'active'), 0)::bigint as mrr
    from customers c left join plans p on p.id = c.plan_id
    where c.organization_id = ${orgId} and c.status in ('active', 'isolated')
    group by c.plan_id, p.name, c.area`);
  const byPlan = new Map<string, { planId: string; name: string; customers: number; mrr: number }>();
  const byArea = new Map<string, { area: string; customers: number; mrr: number }>();
  let active = 0;
  let isolated = 0;
  let mrr = 0;
  for (const r of rows) {
    active += r.active;
    isolated += r.isolated;
    mrr += n(r.mrr);
    if (r.active === 0) continue;
    if (r.planId) {
      const p = byPlan.get(r.planId) ?? { planId: r.planId, name: r.plan ?? '', customers: 0, mrr: 0 };
      p.customers += r.active;
      p.mrr += n(r.mrr);
      byPlan.set(r.planId, p);
    }
    const key = r.area ?? '';
    const a = byArea.get(key) ?? { area: key, customers: 0, mrr: 0 };
    a.customers += r.active;
    a.mrr += n(r.mrr);
    byArea.set(key, a);
  }
  const top = <T extends { mrr: number }>(m: Map<string, T>) => [...m.values()].sort((x, y) => y.mrr - x.mrr);
  return { active, isolated, mrr, byPlan: top(byPlan), byArea: top(byArea).slice(0, 10) };
}

/**
 * Per invoice month (the last six): invoiced, paid so far, and paid in full by the due date
 * (the collection rate by due date). Void invoices are left out; a carried invoice counts
 * what it asked for, and the later invoice that took its rest asks for it again.
 */
async function collections(db: Db, orgId: string) {
  const rows = await db.execute<{ period: string; invoices: number; billed: number; paid: number; onTime: number }>(sql`
    with cal as (${calendar(orgId)})
    select to_char(i.period, 'YYYY-MM-DD') as period, count(*)::int as invoices,
      sum(i.total)::bigint as billed, sum(least(i.paid_amount, i.total))::bigint as paid,
      coalesce(sum(i.total) filter (where i.paid_at is not null and (i.paid_at at time zone cal.tz)::date <= i.due_date), 0)::bigint as "onTime"
    from invoices i, cal
    where i.organization_id = ${orgId} and i.period >= (cal.cur - interval '5 months')::date and i.period <= cal.cur
      and i.status <> 'void'
    group by i.period order by i.period`);
  return rows.map((r) => ({
    period: r.period,
    invoices: r.invoices,
    billed: n(r.billed),
    paid: n(r.paid),
    onTime: n(r.onTime),
  }));
}

/** What is still owed by days past due, and the customers who owe the most. */
async function receivables(db: Db, orgId: string) {
  const [buckets, top] = await Promise.all([
    db.execute<{ bucket: AgingBucket; invoices: number; amount: number }>(sql`
      with cal as (${calendar(orgId)})
      select case when i.due_date >= cal.today then 'current'
          when cal.today - i.due_date <= 30 then '1-30'
          when cal.today - i.due_date <= 60 then '31-60'
          when cal.today - i.due_date <= 90 then '61-90'
          else '90+' end as bucket,
        count(*)::int as invoices, sum(i.total - i.paid_amount)::bigint as amount
      from invoices i, cal
      where i.organization_id = ${orgId} and i.status in ('unpaid', 'partial')
      group by 1`),
    db.execute<{
      customerId: string;
      name: string;
      number: number;
      invoices: number;
      owed: number;
      oldestDue: string;
    }>(sql`
      select t.customer_id as "customerId", c.name, c.number, t.invoices, t.owed, to_char(t.oldest, 'YYYY-MM-DD') as "oldestDue"
      from (
        select i.customer_id, count(*)::int as invoices, sum(i.total - i.paid_amount)::bigint as owed, min(i.due_date) as oldest
        from invoices i
        where i.organization_id = ${orgId} and i.status in ('unpaid', 'partial')
        group by i.customer_id order by owed desc, i.customer_id limit 5
      ) t join customers c on c.id = t.customer_id
      order by t.owed desc, c.number`),
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
async function monthTotals(db: Db, orgId: string) {
  const [row] = await db.execute<{
    collectedCur: number;
    collectedPrev: number;
    vouchersCur: number;
    vouchersPrev: number;
    voucherSalesCur: number;
    voucherSalesPrev: number;
  }>(sql`
    with cal as (${calendar(orgId)}),
    b as (select (cal.cur::timestamp at time zone cal.tz) as cur, (cal.prev::timestamp at time zone cal.tz) as prev from cal),
    pay as (
      select coalesce(sum(p.amount) filter (where p.created_at >= b.cur), 0)::bigint as cur,
        coalesce(sum(p.amount) filter (where p.created_at < b.cur), 0)::bigint as prev
      from payments p, b
      where p.organization_id = ${orgId} and p.status = 'approved' and p.created_at >= b.prev),
    vch as (
      select count(*) filter (where v.sold_at >= b.cur)::int as cur, count(*) filter (where v.sold_at < b.cur)::int as prev,
        coalesce(sum(vb.price_rupiah) filter (where v.sold_at >= b.cur), 0)::bigint as sales_cur,
        coalesce(sum(vb.price_rupiah) filter (where v.sold_at < b.cur), 0)::bigint as sales_prev
      from vouchers v join voucher_batches vb on vb.id = v.batch_id, b
      where v.organization_id = ${orgId} and v.sold_at >= b.prev)
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
 * (subscriptions moved to isolated) per month, the last twelve months.
 */
async function movement(db: Db, orgId: string) {
  const rows = await db.execute<{ month: string; kind: 'new' | 'terminated' | 'isolated'; n: number }>(sql`
    with cal as (${calendar(orgId)}), b as (select (cal.first::timestamp at time zone cal.tz) as since, cal.tz from cal)
    select to_char(date_trunc('month', c.created_at at time zone b.tz), 'YYYY-MM-DD') as month, 'new' as kind, count(*)::int as n
    from customers c, b where c.organization_id = ${orgId} and c.created_at >= b.since group by 1
    union all
    select to_char(date_trunc('month', h.created_at at time zone b.tz), 'YYYY-MM-DD'), h.to_status, count(distinct h.subscription_id)::int
    from subscription_history h, b
    where h.organization_id = ${orgId} and h.to_status in ('terminated', 'isolated') and h.created_at >= b.since
    group by 1, 2`);
  return rows;
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
  const [cal] = await db.execute<{ today: string; cur: string; prev: string; first: string }>(sql`
    select to_char(today, 'YYYY-MM-DD') as today, to_char(cur, 'YYYY-MM-DD') as cur, to_char(prev, 'YYYY-MM-DD') as prev,
      to_char(first, 'YYYY-MM-DD') as first from (${calendar(orgId)}) c`);
  if (!cal) throw new Error('organization not found');
  const [mix, periods, owed, totals, moves] = await Promise.all([
    customerMix(db, orgId),
    collections(db, orgId),
    receivables(db, orgId),
    monthTotals(db, orgId),
    movement(db, orgId),
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
