import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { DEVICE_MAX_ATTEMPTS, enqueueJobsFrom } from '@/lib/jobs/enqueue';
import { applyRadiusStatus } from '@/lib/network/radius/provision';
import { getBillingSettings } from './settings';

/**
 * Isolates every active subscription with an unpaid invoice whose moment has come, in one
 * transaction of set-based statements:
 * - prepaid: on the invoice's issue day at the isolation time (H+0);
 * - postpaid: the day after the due day plus the grace days, at the isolation time.
 * Each isolated subscription gets a history row, one network job and one notification job.
 */
export async function runIsolation(db: Db, p: { orgId: string; now?: Date }): Promise<{ isolated: number }> {
  const now = (p.now ?? new Date()).toISOString();
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`isolation:${p.orgId}`}))`);
    const s = await getBillingSettings(tx, p.orgId);
    await tx.execute(sql`drop table if exists isolation_batch`);
    await tx.execute(sql`
      create temp table isolation_batch on commit drop as
      select distinct s.id as subscription_id, s.customer_id, s.organization_id, s.router_id,
        -- The customer's status mirrors their latest subscription only.
        not exists (select 1 from subscriptions n where n.customer_id = s.customer_id and n.created_at > s.created_at) as latest
      from subscriptions s
      join organizations o on o.id = s.organization_id
      join invoices i on i.subscription_id = s.id and i.status in ('unpaid', 'partial')
      where s.organization_id = ${p.orgId} and s.status = 'active'
        and (${now}::timestamptz at time zone o.timezone) >= case
          when s.billing_type = 'prepaid' then i.issue_date + ${s.isolationTime}::time
          else (i.due_date + ${s.graceDays + 1}::int) + ${s.isolationTime}::time end`);
    await tx.execute(sql`analyze isolation_batch`);
    await tx.execute(sql`
      update subscriptions s set status = 'isolated', updated_at = now()
      from isolation_batch b where b.subscription_id = s.id`);
    await tx.execute(sql`
      insert into subscription_history (organization_id, subscription_id, from_status, to_status, reason)
      select organization_id, subscription_id, 'active', 'isolated', 'unpaid invoice' from isolation_batch`);
    await tx.execute(sql`
      update customers c set status = 'isolated', updated_at = now()
      from isolation_batch b
      where c.id = b.customer_id and b.latest`);
    // Customers on RADIUS-mode routers move to the isolir group in this same transaction.
    const [radius] = await tx.execute<{ any: boolean }>(sql`select exists (select 1 from routers where organization_id = ${p.orgId} and mode = 'radius') as any`);
    if (radius?.any) await applyRadiusStatus(tx, { orgId: p.orgId, where: sql`s.id in (select subscription_id from isolation_batch)` });
    const network = await enqueueJobsFrom(
      tx,
      sql`select organization_id, 'subscription-apply' as type, jsonb_build_object('subscriptionId', subscription_id, 'status', 'isolated') as payload,
        'router:' || router_id as queue_name
      from isolation_batch`,
      DEVICE_MAX_ATTEMPTS,
    );
    await enqueueJobsFrom(
      tx,
      sql`select organization_id, 'customer-notify' as type, jsonb_build_object('customerId', customer_id, 'subscriptionId', subscription_id, 'event', 'isolated') as payload, null::text as queue_name from isolation_batch`,
    );
    return { isolated: network };
  });
}
