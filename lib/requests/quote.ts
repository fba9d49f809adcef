import { prorataOf } from '@/lib/billing/money';

/** Days in the month of a `YYYY-MM-DD` date. */
export function daysInMonthOf(date: string): number {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * What a plan change costs for the rest of the running period, in integer rupiah.
 *
 * The rule (docs/features/service-requests.md): the change takes effect on approval, and
 * the days left in the month, today included, are settled at the price difference,
 * prorated like a first partial month (lib/billing/money.ts `prorataOf`):
 * - upgrade: a positive amount, a charge on the next invoice;
 * - downgrade: a negative amount, a credit on the next invoice;
 * - the organization bills without prorata: 0, the new price simply applies from the next
 *   invoice (the same rule a new customer gets).
 */
export function planChangeQuote(p: { fromPrice: number; toPrice: number; today: string; prorata: boolean }): number {
  const diff = p.toPrice - p.fromPrice;
  if (!p.prorata || diff === 0) return 0;
  const days = daysInMonthOf(p.today);
  const left = days - Number(p.today.slice(8, 10)) + 1;
  const amount = prorataOf(Math.abs(diff), left, days);
  return diff > 0 ? amount : -amount;
}

/** `YYYY-MM-DD` plus days, as a calendar date. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
