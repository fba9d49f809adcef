import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { organizations } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { eventsInsert, invoiceCreatedRows } from '@/lib/events/rows';
import { AppError } from '@/lib/server/errors';
import { isValidInvoiceNumberFormat } from './invoice-number';
import { shiftMonth } from './money';
import { type BillingBreakdown, describeRun } from './preview';
import { getBillingSettings } from './settings';

export type BillingReport = {
  period: string;
  eligible: number;
  issued: number;
  skipped: { alreadyInvoiced: number; activatedThisPeriod: number; paidUntilLater: number };
  /** The first skipped subscriptions by name, each with its reason (up to 100). */
  skippedSample: { serviceUsername: string; reason: SkipReason }[];
  total: number;
  dryRun: boolean;
  /** The preview's breakdown (dry runs only): by plan and type, lines, who will be isolated. */
  breakdown?: BillingBreakdown;
};

type SkipReason = 'already_invoiced' | 'activated_this_period' | 'paid_until_later';

class DryRun extends Error {
  constructor(public report: BillingReport) {
    super('dry run');
  }
}

/**
 * Issues the period's invoices for every active or isolated subscription that has none yet,
 * in one transaction of set-based statements (a fixed number of queries whatever the size).
 *
 * - Eligible: activated before the period started (or activation unknown, e.g. imported).
 *   Activated during the period -> skipped now, billed next period with a prorata line.
 *   Billing starting later (an import paid up to a later date) -> skipped until that period.
 * - Lines: the plan; prorata for a first partial month (previous month, when enabled);
 *   pending one-off charges; and the unpaid rest of earlier invoices, which are closed as
 *   `carried` so a debt is never counted twice.
 * - PPN on the sum of taxable lines, half up. Numbers follow the organization's format,
 *   by default PREFIX/YYYYMM/00001 (wider past
 *   99999; lpad alone would cut them and collide) come from a
 *   counter taken in one block; (subscription, period) is unique, and an advisory lock makes
 *   two concurrent runs queue instead of racing.
 * - dryRun computes the same report and rolls everything back (the preview).
 */
export async function runBilling(
  db: Db,
  p: { orgId: string; period: string; actorUserId: string | null; dryRun?: boolean },
): Promise<BillingReport> {
  try {
    return await db.transaction(async (tx) => {
      const report = await issueInvoices(tx, p);
      if (p.dryRun) throw new DryRun(report);
      if (report.issued > 0) {
        await recordAudit(tx, {
          orgId: p.orgId,
          actorUserId: p.actorUserId,
          action: 'billing.run',
          entityType: 'organization',
          entityId: p.orgId,
          data: report,
        });
      }
      return report;
    });
  } catch (error) {
    if (error instanceof DryRun) return error.report;
    throw error;
  }
}

/**
 * One subscription's invoice for a period, issued now instead of on the period's invoice day
 * (a prepaid customer extending early from the portal): the same lines, numbering and lock as
 * the run, so the run later skips it as already invoiced. Null when it is not eligible.
 */
export async function issueSubscriptionInvoice(tx: Db, p: { orgId: string; period: string; subscriptionId: string }) {
  await issueInvoices(tx, p);
  const [row] = await tx.execute<{ id: string }>(
    sql`select id from invoices where organization_id = ${p.orgId} and subscription_id = ${p.subscriptionId} and period = ${p.period}::date`,
  );
  return row?.id ?? null;
}

async function issueInvoices(
  tx: Db,
  p: { orgId: string; period: string; dryRun?: boolean; subscriptionId?: string },
): Promise<BillingReport> {
  const { orgId, period } = p;
  const prev = shiftMonth(period, -1);
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`billing:${orgId}:${period}`}))`);
  const [org] = await tx
    .select({ timezone: organizations.timezone })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  const tz = org!.timezone;
  const s = await getBillingSettings(tx, orgId);
  // A format saved before the rule, or written around the form, would repeat numbers.
  if (!isValidInvoiceNumberFormat(s.invoiceNumberFormat)) throw new AppError('invoice_number_format');
  const dueDay = Math.min(s.dueDay, 28);

  await tx.execute(sql`drop table if exists billing_batch`);
  // Numbers are assigned after counting (below); rn fixes each row's place in the block now.
  await tx.execute(sql`
    create temp table billing_batch on commit drop as
    select s.id as subscription_id, s.customer_id, s.billing_type, c.number as customer_number,
           p.price_rupiah::bigint as price, p.taxable, p.name as plan_name,
           (s.activated_at at time zone ${tz})::date as activated_local,
           gen_random_uuid() as invoice_id, row_number() over (order by c.number, s.id) as rn
    from subscriptions s
    join plans p on p.id = s.plan_id
    join customers c on c.id = s.customer_id
    where s.organization_id = ${orgId} and s.status in ('active', 'isolated')
      and (s.activated_at is null or (s.activated_at at time zone ${tz})::date < ${period}::date)
      and (s.billing_starts_on is null or s.billing_starts_on <= ${period}::date)
      and not exists (select 1 from invoices i where i.subscription_id = s.id and i.period = ${period}::date)
      and (${p.subscriptionId ?? null}::uuid is null or s.id = ${p.subscriptionId ?? null}::uuid)`);
  // Temp tables are never auto-analyzed; without statistics the joins below plan badly.
  await tx.execute(sql`analyze billing_batch`);

  const [counts] = await tx.execute<{ eligible: number; already: number; recent: number; later: number }>(sql`
    select (select count(*)::int from billing_batch) as eligible,
      count(*) filter (where invoiced)::int as already,
      count(*) filter (where not invoiced and activated_local >= ${period}::date)::int as recent,
      count(*) filter (where not invoiced and starts_on > ${period}::date and not coalesce(activated_local >= ${period}::date, false))::int as later
    from (
      select (s.activated_at at time zone ${tz})::date as activated_local, s.billing_starts_on as starts_on,
        exists (select 1 from invoices i where i.subscription_id = s.id and i.period = ${period}::date) as invoiced
      from subscriptions s where s.organization_id = ${orgId} and s.status in ('active', 'isolated')
    ) subs`);
  const eligible = counts!.eligible;
  const skippedSample = await tx.execute<{ serviceUsername: string; reason: SkipReason }>(sql`
    select s.service_username as "serviceUsername",
      case when exists (select 1 from invoices i where i.subscription_id = s.id and i.period = ${period}::date)
           then 'already_invoiced'
           when s.billing_starts_on > ${period}::date and not coalesce((s.activated_at at time zone ${tz})::date >= ${period}::date, false)
           then 'paid_until_later' else 'activated_this_period' end as reason
    from subscriptions s
    where s.organization_id = ${orgId} and s.status in ('active', 'isolated')
      and not exists (select 1 from billing_batch b where b.subscription_id = s.id)
    order by s.service_username limit 100`);

  let issued = 0;
  let total = 0;
  let breakdown: BillingBreakdown | undefined;
  if (eligible > 0) {
    const [counter] = await tx.execute<{ last_number: number }>(sql`
      insert into invoice_counters (organization_id, period, last_number) values (${orgId}, ${period}::date, ${eligible})
      on conflict (organization_id, period) do update set last_number = invoice_counters.last_number + ${eligible}::int
      returning last_number`);
    const base = Number(counter!.last_number) - eligible;
    await tx.execute(sql`drop table if exists billing_lines`);
    await tx.execute(sql`
      create temp table billing_lines on commit drop as
      select invoice_id, 1 as ord, 'plan'::text as kind, plan_name || ' (' || to_char(${period}::date, 'MM/YYYY') || ')' as description, price as amount, taxable
        from billing_batch
      union all
      select invoice_id, 2, 'prorata', 'Prorata ' || plan_name || ' ' || to_char(activated_local, 'DD/MM') || '–' || to_char(${period}::date - 1, 'DD/MM/YYYY'),
             (price * (${period}::date - activated_local) * 2 + (${period}::date - ${prev}::date)) / (2 * (${period}::date - ${prev}::date)),
             taxable
        from billing_batch
        where ${s.prorata}::boolean and activated_local >= ${prev}::date and activated_local < ${period}::date
      union all
      select b.invoice_id, 3, 'charge', c.description, c.amount, c.taxable
        from pending_charges c join billing_batch b on b.subscription_id = c.subscription_id
        where c.invoice_id is null
      union all
      select b.invoice_id, 4, 'carried', 'Tunggakan ' || i.number, i.total - i.paid_amount, false
        from invoices i join billing_batch b on b.subscription_id = i.subscription_id
        where i.status in ('unpaid', 'partial') and i.period < ${period}::date`);
    await carryExcessCredit(tx, s.taxPercent);

    const [inserted] = await tx.execute<{ issued: number; total: number }>(sql`
      with ins as (
      insert into invoices (id, organization_id, number, customer_id, subscription_id, period, issue_date, due_date, billing_type, subtotal, tax, total, lines, status, paid_at)
      select b.invoice_id, ${orgId},
             replace(replace(replace(replace(${s.invoiceNumberFormat}::text,
               '{prefix}', ${s.invoicePrefix}::text),
               '{yyyy}', to_char(${period}::date, 'YYYY')),
               '{mm}', to_char(${period}::date, 'MM')),
               '{seq}', lpad((${base}::bigint + b.rn)::text, greatest(5, length((${base}::bigint + b.rn)::text)), '0')),
             b.customer_id, b.subscription_id, ${period}::date,
             ${period}::date + ${s.invoiceDay - 1}::int,
             case when b.billing_type = 'prepaid' then ${period}::date + ${s.invoiceDay - 1}::int else ${period}::date + ${dueDay - 1}::int end,
             b.billing_type, t.subtotal, t.tax, t.subtotal + t.tax, t.lines,
             -- Nothing left to pay (credits ate the charges): settled, never a reason to isolate.
             case when t.subtotal + t.tax <= 0 then 'paid' else 'unpaid' end,
             case when t.subtotal + t.tax <= 0 then now() end
      from billing_batch b
      join (select invoice_id, sum(amount)::bigint as subtotal,
                   -- sum() of bigint is numeric: back to bigint first so the division truncates.
                   case when coalesce(sum(amount) filter (where taxable), 0) > 0
                        then ((sum(amount) filter (where taxable))::bigint * ${s.taxPercent}::bigint + 50) / 100 else 0 end::bigint as tax,
                   jsonb_agg(jsonb_build_object('kind', kind, 'description', description, 'amount', amount, 'taxable', taxable) order by ord) as lines
            from billing_lines group by invoice_id) t on t.invoice_id = b.invoice_id
      -- What invoice.created says (lib/events/rows.ts), not the lines: they can be large.
      returning id, number, customer_id, subscription_id, period, issue_date, due_date, billing_type, subtotal, tax, total, status, created_at),
      -- One invoice.created per invoice, from the rows just inserted (nothing when nobody listens).
      ev as (${
        p.dryRun
          ? sql`select 1`
          : eventsInsert({ orgId, type: 'invoice.created', rows: invoiceCreatedRows({ orgId, from: sql`ins i` }) })
      })
      select count(*)::int as issued, coalesce(sum(total), 0)::bigint as total from ins`);
    issued = Number(inserted?.issued ?? 0);
    total = Number(inserted?.total ?? 0);
    await tx.execute(sql`
      update pending_charges c set invoice_id = b.invoice_id
      from billing_batch b where b.subscription_id = c.subscription_id and c.invoice_id is null`);
    // The credit the invoices above could not use waits for the subscription's next invoice.
    await tx.execute(sql`
      insert into pending_charges (organization_id, subscription_id, description, amount, taxable)
      select ${orgId}, b.subscription_id, 'Sisa kredit ' || i.number, -l.amount, l.taxable
      from billing_lines l
      join billing_batch b on b.invoice_id = l.invoice_id
      join invoices i on i.id = l.invoice_id
      where l.kind = 'charge' and l.ord = 5`);
    await tx.execute(sql`
      update invoices i set status = 'carried', carried_to_id = b.invoice_id
      from billing_batch b
      where b.subscription_id = i.subscription_id and i.status in ('unpaid', 'partial') and i.period < ${period}::date`);
    if (p.dryRun)
      breakdown = await describeRun(tx, { period, invoiceDay: s.invoiceDay, dueDay, graceDays: s.graceDays });
  }
  return {
    period,
    eligible,
    issued,
    skipped: { alreadyInvoiced: counts!.already, activatedThisPeriod: counts!.recent, paidUntilLater: counts!.later },
    skippedSample: skippedSample.map((r) => ({ serviceUsername: r.serviceUsername, reason: r.reason })),
    total,
    dryRun: Boolean(p.dryRun),
    ...(breakdown ? { breakdown } : {}),
  };
}

/**
 * Credits can outweigh an invoice (a month-long outage credit, a discount larger than the
 * plan, a credit left from last month). The invoice then closes at exactly 0 and the rest is
 * carried forward: a line (ord 5) brings the total to 0 here, and the same amount, negated,
 * becomes a pending charge for the next invoice (inserted by the caller once this run's
 * charges are taken). The taxable part of the excess stays taxable, so next month's PPN is
 * lowered by it as this month's would have been; the rest, PPN included, is carried untaxed.
 * With T the taxable sum and total = subtotal + PPN < 0: the taxable line is −min(T, 0) and
 * the untaxed one −(total − min(T, 0)); the new total is 0 whatever T is.
 */
async function carryExcessCredit(tx: Db, taxPercent: number) {
  await tx.execute(sql`
    with t as (
      select invoice_id, sum(amount)::bigint as subtotal, coalesce(sum(amount) filter (where taxable), 0)::bigint as taxed
      from billing_lines group by invoice_id),
    over as (
      select invoice_id, least(taxed, 0) as taxed_excess,
             subtotal + case when taxed > 0 then (taxed * ${taxPercent}::bigint + 50) / 100 else 0 end as total
      from t)
    insert into billing_lines (invoice_id, ord, kind, description, amount, taxable)
    select invoice_id, 5, 'charge', 'Sisa kredit dibawa ke tagihan berikutnya', amount, taxable
    from over cross join lateral (values (-taxed_excess, true), (-(total - taxed_excess), false)) v(amount, taxable)
    where total < 0 and amount <> 0`);
}
