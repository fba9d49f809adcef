import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { invoices } from '@/db/schema';
import { prorataOf } from '@/lib/billing/money';

/** Days in the month of a `YYYY-MM-DD` date. */
export function daysInMonthOf(date: string): number {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * What a plan change costs for the running month, in integer rupiah, and on what basis.
 *
 * The rule (docs/features/service-requests.md): the change takes effect on approval, and the
 * month is settled at the price difference, prorated like a first partial month
 * (lib/billing/money.ts `prorataOf`):
 * - the month is invoiced already (at the old price): the days left, today included, are
 *   settled — an upgrade adds a charge, a downgrade a credit, on the next invoice (`rest`);
 * - the month's invoice is still to come: it bills the new price for the whole month, so the
 *   days before today are settled back at the old price — an upgrade gets a credit, a
 *   downgrade a charge, on that invoice (`before`);
 * - the organization bills without prorata: 0, the new price simply applies from the next
 *   invoice (the same rule a new customer gets).
 */
export function planChangeQuote(p: {
  fromPrice: number;
  toPrice: number;
  today: string;
  prorata: boolean;
  monthInvoiced: boolean;
}): { amount: number; basis: 'rest' | 'before'; days: number } {
  const diff = p.toPrice - p.fromPrice;
  const daysInMonth = daysInMonthOf(p.today);
  const day = Number(p.today.slice(8, 10));
  const basis = p.monthInvoiced ? 'rest' : 'before';
  const days = p.monthInvoiced ? daysInMonth - day + 1 : day - 1;
  if (!p.prorata || diff === 0 || days === 0) return { amount: 0, basis, days };
  const amount = prorataOf(Math.abs(diff), days, daysInMonth);
  // Invoiced: the customer owes (or is owed) the difference from today. Not yet: the invoice
  // already asks the new price for the days before today, which ran on the old plan.
  return { amount: diff > 0 === p.monthInvoiced ? amount : -amount, basis, days };
}

/** `YYYY-MM-DD` plus days, as a calendar date. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Whether the subscription's invoice for the month of `today` (`YYYY-MM-DD`) is issued (and not void). */
export async function monthInvoiced(db: Db, p: { orgId: string; subscriptionId: string; today: string }) {
  const [row] = await db
    .select({ id: invoices.id })
    .from(invoices)
    .where(
      and(
        eq(invoices.organizationId, p.orgId),
        eq(invoices.subscriptionId, p.subscriptionId),
        eq(invoices.period, `${p.today.slice(0, 7)}-01`),
        ne(invoices.status, 'void'),
      ),
    )
    .limit(1);
  return Boolean(row);
}
