import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';

export type BillingBreakdown = {
  byPlan: { plan: string; count: number; amount: number }[];
  byType: { billingType: string; count: number; amount: number }[];
  /** Invoice lines by kind (plan, prorata, charge, carried): how many and their sum before tax. */
  lines: { kind: string; count: number; amount: number }[];
  /** The local date unpaid invoices of this run become a reason to isolate, per billing type. */
  isolateOn: { prepaid: string; postpaid: string };
  /** Active subscriptions that carry debt into this run: isolated on that date unless they pay. */
  isolation: {
    count: number;
    sample: { customerId: string; customerName: string; serviceUsername: string; debt: number; isolateOn: string }[];
  };
};

/**
 * What a billing run is made of, read inside the dry run's transaction from its working
 * tables (billing_batch, billing_lines) and the invoices it inserted before rolling back:
 * the preview shows exactly what the run would issue, in five set-based statements.
 */
export async function describeRun(
  tx: Db,
  p: { period: string; invoiceDay: number; dueDay: number; graceDays: number },
): Promise<BillingBreakdown> {
  const prepaidOn = sql`(${p.period}::date + ${p.invoiceDay - 1}::int)`;
  const postpaidOn = sql`(${p.period}::date + ${p.dueDay - 1 + p.graceDays + 1}::int)`;
  const num = <T extends { count: number; amount: number }>(rows: T[]) =>
    rows.map((r) => ({ ...r, count: Number(r.count), amount: Number(r.amount) }));
  const byPlan = await tx.execute<{ plan: string; count: number; amount: number }>(sql`
    select b.plan_name as plan, count(*)::int as count, coalesce(sum(i.total), 0)::bigint as amount
    from billing_batch b join invoices i on i.id = b.invoice_id
    group by b.plan_name order by amount desc, plan`);
  const byType = await tx.execute<{ billingType: string; count: number; amount: number }>(sql`
    select b.billing_type as "billingType", count(*)::int as count, coalesce(sum(i.total), 0)::bigint as amount
    from billing_batch b join invoices i on i.id = b.invoice_id
    group by b.billing_type order by b.billing_type`);
  const lines = await tx.execute<{ kind: string; count: number; amount: number }>(sql`
    select kind, count(*)::int as count, coalesce(sum(amount), 0)::bigint as amount
    from billing_lines group by kind order by min(ord)`);
  const [dates] = await tx.execute<{ prepaid: string; postpaid: string }>(
    sql`select ${prepaidOn}::text as prepaid, ${postpaidOn}::text as postpaid`,
  );
  const debtors = sql`
    from billing_batch b
    join subscriptions s on s.id = b.subscription_id and s.status = 'active'
    join invoices i on i.id = b.invoice_id and i.status in ('unpaid', 'partial')
    join customers c on c.id = b.customer_id
    join billing_lines l on l.invoice_id = b.invoice_id and l.kind = 'carried'`;
  const [count] = await tx.execute<{ n: number }>(sql`select count(distinct b.subscription_id)::int as n ${debtors}`);
  const sample = await tx.execute<BillingBreakdown['isolation']['sample'][number]>(sql`
    select c.id as "customerId", c.name as "customerName", s.service_username as "serviceUsername",
      sum(l.amount)::bigint as debt,
      (case when b.billing_type = 'prepaid' then ${prepaidOn} else ${postpaidOn} end)::text as "isolateOn"
    ${debtors}
    group by c.id, c.name, s.service_username, b.billing_type
    order by debt desc, c.name limit 100`);
  return {
    byPlan: num(byPlan),
    byType: num(byType),
    lines: num(lines),
    isolateOn: { prepaid: dates!.prepaid, postpaid: dates!.postpaid },
    isolation: { count: Number(count?.n ?? 0), sample: sample.map((r) => ({ ...r, debt: Number(r.debt) })) },
  };
}
