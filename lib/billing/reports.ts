import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { toCsv } from '@/lib/server/csv';

export const REPORT_KINDS = ['revenue', 'aging', 'payments'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export type ReportTable = { columns: string[]; rows: (string | number)[][] };

/**
 * Invoiced per month and plan, counting each rupiah once: an invoice's total minus any debt
 * carried into it from an earlier invoice.
 */
async function revenue(db: Db, orgId: string): Promise<ReportTable> {
  const rows = await db.execute<{
    period: string;
    plan: string;
    invoices: number;
    invoiced: number;
    collected: number;
  }>(sql`
    select to_char(i.period, 'YYYY-MM') as period, p.name as plan, count(*)::int as invoices,
      sum(i.total - coalesce((select sum((l->>'amount')::bigint) from jsonb_array_elements(i.lines) l where l->>'kind' = 'carried'), 0))::bigint as invoiced,
      sum(least(i.paid_amount, i.total))::bigint as collected
    from invoices i
    join subscriptions s on s.id = i.subscription_id
    join plans p on p.id = s.plan_id
    where i.organization_id = ${orgId} and i.status <> 'void' and i.period >= (date_trunc('month', now()) - interval '11 months')
    group by 1, 2 order by 1 desc, 2`);
  return {
    columns: ['month', 'plan', 'invoices', 'invoiced', 'collected'],
    rows: rows.map((r) => [r.period, r.plan, r.invoices, Number(r.invoiced), Number(r.collected)]),
  };
}

/** What is still owed, by days past the due date (not yet due counts as 0–30). */
async function aging(db: Db, orgId: string): Promise<ReportTable> {
  const rows = await db.execute<{ bucket: string; invoices: number; outstanding: number }>(sql`
    with open as (
      select i.total - i.paid_amount as owed,
        greatest(0, ((now() at time zone o.timezone)::date - i.due_date)) as days
      from invoices i join organizations o on o.id = i.organization_id
      where i.organization_id = ${orgId} and i.status in ('unpaid', 'partial')
    )
    select b.bucket, count(open.owed)::int as invoices, coalesce(sum(open.owed), 0)::bigint as outstanding
    from (values ('0-30', 0, 30, 1), ('31-60', 31, 60, 2), ('61-90', 61, 90, 3), ('90+', 91, 1000000, 4)) as b(bucket, lo, hi, ord)
    left join open on open.days between b.lo and b.hi
    group by b.bucket, b.ord order by b.ord`);
  return {
    columns: ['days', 'invoices', 'outstanding'],
    rows: rows.map((r) => [r.bucket, r.invoices, Number(r.outstanding)]),
  };
}

/** Payments per month, method and cashier, for the counter's end-of-day and month closing. */
async function paymentsBy(db: Db, orgId: string): Promise<ReportTable> {
  const rows = await db.execute<{
    month: string;
    method: string;
    cashier: string | null;
    payments: number;
    amount: number;
  }>(sql`
    select to_char(p.created_at at time zone o.timezone, 'YYYY-MM') as month, p.method, u.name as cashier,
      count(*)::int as payments, sum(p.amount)::bigint as amount
    from payments p join organizations o on o.id = p.organization_id left join users u on u.id = p.received_by
    where p.organization_id = ${orgId} and p.created_at >= now() - interval '12 months'
    group by 1, 2, 3 order by 1 desc, 2, 3`);
  return {
    columns: ['month', 'method', 'cashier', 'payments', 'amount'],
    rows: rows.map((r) => [r.month, r.method, r.cashier ?? '-', r.payments, Number(r.amount)]),
  };
}

export function buildReport(db: Db, orgId: string, kind: ReportKind): Promise<ReportTable> {
  return { revenue, aging, payments: paymentsBy }[kind](db, orgId);
}

/** The report as a CSV download (formula-leading cells escaped: lib/server/csv). */
export function reportCsv(table: ReportTable): string {
  return toCsv([table.columns, ...table.rows]);
}
