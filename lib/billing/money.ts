/**
 * Rupiah arithmetic on integers. PPN is rounded half up to the rupiah on the sum of the
 * taxable lines (not line by line), so an invoice's tax never drifts by the number of lines.
 */
export function taxOf(taxableSubtotal: number, percent: number): number {
  if (taxableSubtotal <= 0) return 0;
  return Math.floor((taxableSubtotal * percent + 50) / 100);
}

/** The first partial month: price x days used / days in that month, rounded half up. */
export function prorataOf(price: number, daysUsed: number, daysInMonth: number): number {
  return Math.floor((price * daysUsed * 2 + daysInMonth) / (2 * daysInMonth));
}

/** "2026-11-01" -> first day of the month before / after. */
export function shiftMonth(period: string, months: number): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + months, 1));
  return d.toISOString().slice(0, 10);
}

/** The billing period (first of the month) that contains `now` in the organization's zone. */
export function periodOf(now: Date, timeZone: string): string {
  const local = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).format(now);
  return `${local}-01`;
}

/** The day of the month in the organization's zone. */
export function localDay(now: Date, timeZone: string): number {
  return Number(new Intl.DateTimeFormat('en-CA', { timeZone, day: '2-digit' }).format(now));
}

/** The calendar date (YYYY-MM-DD) in the organization's zone, `plusDays` from now. */
export function localDate(now: Date, timeZone: string, plusDays = 0): string {
  const d = new Date(now.getTime() + plusDays * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

/** The hour of the day (0–23) in the organization's zone. */
export const orgLocalHour = (now: Date, timeZone: string) =>
  Number(new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(now));
