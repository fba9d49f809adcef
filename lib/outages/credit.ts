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
 * One pending charge per affected subscription (the next invoice takes it). Only
 * subscriptions that were affected and still exist; a zero credit (a free plan) adds nothing.
 */
export async function insertDowntimeCredits(
  db: Db,
  p: {
    orgId: string;
    outageId: string;
    downtimeSeconds: number;
    daysInMonth: number;
    description: string;
    actorUserId: string;
  },
) {
  const rows = await db.execute<{ subscription_id: string; price: number; taxable: boolean }>(sql`
    select s.id as subscription_id, pl.price_rupiah::float8 as price, pl.taxable
    from outage_subscriptions os
    join subscriptions s on s.id = os.subscription_id and s.organization_id = ${p.orgId}
    join plans pl on pl.id = s.plan_id and pl.organization_id = ${p.orgId}
    where os.organization_id = ${p.orgId} and os.outage_id = ${p.outageId}`);
  const charges = rows
    .map((r) => ({
      organizationId: p.orgId,
      subscriptionId: r.subscription_id,
      description: p.description,
      amount: downtimeCredit(Number(r.price), p.downtimeSeconds, p.daysInMonth),
      // A credit on a taxed plan lowers the taxed base, as the plan line raised it.
      taxable: r.taxable,
      createdBy: p.actorUserId,
    }))
    .filter((c) => c.amount !== 0);
  for (let i = 0; i < charges.length; i += 2000) await db.insert(pendingCharges).values(charges.slice(i, i + 2000));
  return { count: charges.length, total: charges.reduce((sum, c) => sum + c.amount, 0) };
}
