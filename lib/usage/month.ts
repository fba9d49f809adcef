import { localDate } from '@/lib/billing/money';

/** The running month in the organization's zone: its first day to today. */
export function monthToDate(now: Date, timeZone: string) {
  const to = localDate(now, timeZone);
  return { from: `${to.slice(0, 7)}-01`, to };
}
