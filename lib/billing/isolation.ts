import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { recordAudit } from '@/lib/audit/record';
import { lockSubscriptions } from '@/lib/core/subscription-lock';
import { emitRows, subscriptionRows } from '@/lib/events/rows';
import { enqueueFrom } from '@/lib/jobs/enqueue';
import { customerNotify } from '@/lib/messaging/jobs';
import { subscriptionApply } from '@/lib/network/jobs';
import { applyRadiusStatus } from '@/lib/network/radius/provision';
import { getBillingSettings } from './settings';

export type IsolationReport = {
  isolated: number;
  /** Unpaid and due, but their invoice is younger than the minimum notice: not yet. */
  heldByNotice: number;
  /** The first subscriptions to isolate, by name (up to 100). */
  sample: { serviceUsername: string; customerName: string; invoiceNumber: string }[];
  dryRun: boolean;
};

/**
 * Isolates every active subscription with an unpaid invoice whose moment has come, in one
 * transaction of set-based statements:
 * - prepaid: on the invoice's issue day at the isolation time (H+0);
 * - postpaid: the day after the due day plus the grace days, at the isolation time;
 * - never on an invoice issued less than the minimum notice (isolation_notice_hours) ago:
 *   a first invoice whose due moment is already past (an import, a late billing run) would
 *   otherwise cut the customer off minutes after it was issued, before they could pay.
 * Each isolated subscription gets a history row, one network job and one notification job.
 * dryRun reports what would happen and writes nothing (finance's preview).
 */
export async function runIsolation(
  db: Db,
  p: { orgId: string; now?: Date; dryRun?: boolean; actorUserId?: string | null; ip?: string | null },
): Promise<IsolationReport> {
  const now = (p.now ?? new Date()).toISOString();
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`isolation:${p.orgId}`}))`);
    const s = await getBillingSettings(tx, p.orgId);
    // Unpaid invoices whose isolation moment has come, with whether the notice has passed.
    const due = sql`
      from subscriptions s
      join organizations o on o.id = s.organization_id
      join invoices i on i.subscription_id = s.id and i.status in ('unpaid', 'partial')
      where s.organization_id = ${p.orgId} and s.status = 'active'
        and (${now}::timestamptz at time zone o.timezone) >= case
          when s.billing_type = 'prepaid' then i.issue_date + ${s.isolationTime}::time
          else (i.due_date + ${s.graceDays + 1}::int) + ${s.isolationTime}::time end`;
    const noticeGiven = sql`(${s.isolationNoticeHours}::int = 0 or i.created_at <= ${now}::timestamptz - make_interval(hours => ${s.isolationNoticeHours}::int))`;
    await tx.execute(sql`drop table if exists isolation_batch`);
    await tx.execute(sql`
      create temp table isolation_batch on commit drop as
      select distinct s.id as subscription_id, s.customer_id, s.organization_id, s.router_id,
        -- The customer's status mirrors their latest subscription only.
        not exists (select 1 from subscriptions n where n.customer_id = s.customer_id and n.created_at > s.created_at) as latest
      ${due} and ${noticeGiven}`);
    await tx.execute(sql`analyze isolation_batch`);
    // The figures finance sees (preview, or a pass run by hand); the tick does without them.
    const report =
      p.dryRun || p.actorUserId ? await describeBatch(tx, { due, noticeGiven }) : { heldByNotice: 0, sample: [] };
    const base = { ...report, dryRun: Boolean(p.dryRun) };
    if (p.dryRun) {
      const [count] = await tx.execute<{ n: number }>(sql`select count(*)::int as n from isolation_batch`);
      return { ...base, isolated: count?.n ?? 0 };
    }
    // The batch was read without locks: staff may have terminated, suspended or isolated one
    // since, or a payment settled its invoices. Its subscriptions are locked first, by id, as a
    // payment locks its customer's (lockCustomerAccount in invoice-payments.ts), both before any
    // customer row: neither side can hold what the other waits for. A payment in flight is
    // waited for here, and the update below, a new statement, reads what it committed (an
    // update that waits for a row re-reads that row, not its sub-selects). Only those still
    // active and still owing are isolated, and the batch keeps only them (the history, events
    // and jobs below follow it); a payment that comes after waits for this pass to commit, then
    // reconnects what it pays off.
    await lockSubscriptions(tx, { orgId: p.orgId, where: sql`s.id in (select subscription_id from isolation_batch)` });
    await tx.execute(sql`
      with isolated as (
        update subscriptions s set status = 'isolated', updated_at = now()
        from isolation_batch b
        where b.subscription_id = s.id and s.status = 'active'
          and exists (select 1 from invoices i where i.subscription_id = s.id and i.status in ('unpaid', 'partial'))
        returning s.id)
      delete from isolation_batch b where not exists (select 1 from isolated where isolated.id = b.subscription_id)`);
    await tx.execute(sql`
      insert into subscription_history (organization_id, subscription_id, from_status, to_status, reason)
      select organization_id, subscription_id, 'active', 'isolated', 'unpaid_invoice' from isolation_batch`);
    await emitRows(tx, {
      orgId: p.orgId,
      type: 'subscription.isolated',
      rows: subscriptionRows({
        orgId: p.orgId,
        from: sql`isolation_batch b join subscriptions s on s.id = b.subscription_id`,
        previousStatus: 'active',
        reason: 'unpaid_invoice',
      }),
    });
    await tx.execute(sql`
      update customers c set status = 'isolated', updated_at = now()
      from isolation_batch b
      where c.id = b.customer_id and b.latest`);
    // Customers on RADIUS-mode routers move to the isolir group in this same transaction.
    const [radius] = await tx.execute<{ any: boolean }>(
      sql`select exists (select 1 from routers where organization_id = ${p.orgId} and mode = 'radius') as any`,
    );
    if (radius?.any)
      await applyRadiusStatus(tx, {
        orgId: p.orgId,
        where: sql`s.id in (select subscription_id from isolation_batch)`,
      });
    const network = await enqueueFrom(
      tx,
      subscriptionApply,
      sql`select organization_id, jsonb_build_object('subscriptionId', subscription_id, 'status', 'isolated') as payload, router_id from isolation_batch`,
    );
    await enqueueFrom(
      tx,
      customerNotify,
      sql`select organization_id, jsonb_build_object('customerId', customer_id, 'subscriptionId', subscription_id, 'event', 'isolated') as payload from isolation_batch`,
    );
    // A pass started by hand is on the record with who started it (the tick's are not).
    if (p.actorUserId && network > 0) {
      await recordAudit(tx, {
        orgId: p.orgId,
        actorUserId: p.actorUserId,
        ip: p.ip ?? null,
        action: 'billing.isolation_run',
        entityType: 'organization',
        entityId: p.orgId,
        data: { isolated: network },
      });
    }
    return { ...base, isolated: network };
  });
}

/** Who is held back by the minimum notice, and the first subscriptions of the batch by name. */
async function describeBatch(
  tx: Db,
  p: { due: SQL; noticeGiven: SQL },
): Promise<Pick<IsolationReport, 'heldByNotice' | 'sample'>> {
  const [held] = await tx.execute<{ n: number }>(sql`
    select count(distinct s.id)::int as n ${p.due} and not ${p.noticeGiven}
      and s.id not in (select subscription_id from isolation_batch)`);
  const sample = await tx.execute<{ serviceUsername: string; customerName: string; invoiceNumber: string }>(sql`
    select s.service_username as "serviceUsername", c.name as "customerName",
      (select min(i.number) from invoices i where i.subscription_id = s.id and i.status in ('unpaid', 'partial')) as "invoiceNumber"
    from isolation_batch b join subscriptions s on s.id = b.subscription_id join customers c on c.id = b.customer_id
    order by s.service_username limit 100`);
  return { heldByNotice: held?.n ?? 0, sample: sample.map((r) => ({ ...r })) };
}
