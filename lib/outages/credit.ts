import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { pendingCharges } from '@/db/schema';
import { periodOf } from '@/lib/billing/money';

/**
 * The downtime credit of one subscription: its monthly price times the share of the month
 * the outage lasted (in seconds, over the days of the month it started in), rounded half up
 * to whole rupiah, as a negative amount. Never more than the month's price.
 */
export function downtimeCredit(priceRupiah: number, downtimeSeconds: number, daysInMonth: number): number {
  if (priceRupiah <= 0 || downtimeSeconds <= 0) return 0;
  const monthSeconds = daysInMonth * 86_400;
  const seconds = Math.min(downtimeSeconds, monthSeconds);
  return -Math.floor((priceRupiah * seconds + monthSeconds / 2) / monthSeconds);
}

/** Days in the month (in the organization's time zone) that `at` falls in. */
export function daysInMonthAt(at: Date, timeZone: string): number {
  const [y, m] = periodOf(at, timeZone).split('-').map(Number);
  return new Date(Date.UTC(y!, m!, 0)).getUTCDate();
}

/**
 * One pending charge per affected subscription (the next invoice takes it), priced from the
 * plan stored with the affected set (the price during the outage; rows stored before that
 * column fall back to today's plan). Only subscriptions that still exist and are active or
 * isolated: a terminated or suspended one has no next invoice to take it. Each subscription
 * is credited only for the part of [startedAt, resolvedAt] that no other credited outage
 * already covered, so overlapping outages never pay the same hour twice. A zero credit (a
 * free plan, or fully covered) adds nothing.
 */
export type DowntimeCreditParams = {
  orgId: string;
  outageId: string;
  startedAt: Date;
  resolvedAt: Date;
  daysInMonth: number;
  description: string;
  actorUserId: string | null;
};

export async function computeDowntimeCredits(db: Db, p: DowntimeCreditParams) {
  const rows = await db.execute<{ subscription_id: string; price: number; taxable: boolean; seconds: number }>(sql`
    with mine as (
      select os.subscription_id, coalesce(os.price_rupiah, pl.price_rupiah)::float8 as price,
             coalesce(os.taxable, pl.taxable) as taxable
      from outage_subscriptions os
      join subscriptions s on s.id = os.subscription_id and s.organization_id = ${p.orgId}
        and s.status in ('active', 'isolated')
      join plans pl on pl.id = s.plan_id and pl.organization_id = ${p.orgId}
      where os.organization_id = ${p.orgId} and os.outage_id = ${p.outageId}),
    covered as (
      select os.subscription_id, range_agg(tstzrange(o.started_at, o.resolved_at)) as r
      from outage_subscriptions os
      join outages o on o.id = os.outage_id and o.organization_id = ${p.orgId}
      where os.organization_id = ${p.orgId} and o.id <> ${p.outageId}
        and o.credited_at is not null and o.resolved_at > o.started_at
        and os.subscription_id in (select subscription_id from mine)
      group by os.subscription_id),
    rest as (
      select m.*, tstzmultirange(tstzrange(${p.startedAt.toISOString()}::timestamptz, ${p.resolvedAt.toISOString()}::timestamptz))
               - coalesce(c.r, '{}'::tstzmultirange) as r
      from mine m left join covered c using (subscription_id))
    select subscription_id, price, taxable,
           coalesce((select sum(extract(epoch from upper(x) - lower(x))) from unnest(r) x), 0)::float8 as seconds
    from rest`);
  const charges = rows
    .map((r) => ({
      organizationId: p.orgId,
      subscriptionId: r.subscription_id,
      description: p.description,
      amount: downtimeCredit(Number(r.price), Math.round(Number(r.seconds)), p.daysInMonth),
      // A credit on a taxed plan lowers the taxed base, as the plan line raised it.
      taxable: r.taxable,
      createdBy: p.actorUserId,
    }))
    .filter((c) => c.amount !== 0);
  return { charges, count: charges.length, total: charges.reduce((sum, c) => sum + c.amount, 0) };
}

/** Inserts the credits computeDowntimeCredits finds (inside the caller's transaction). */
export async function insertDowntimeCredits(db: Db, p: DowntimeCreditParams) {
  const { charges, count, total } = await computeDowntimeCredits(db, p);
  for (let i = 0; i < charges.length; i += 2000) await db.insert(pendingCharges).values(charges.slice(i, i + 2000));
  return { count, total };
}
