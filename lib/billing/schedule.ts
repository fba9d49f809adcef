import type { BillingType } from '@/db/enums';
import { shiftMonth } from './money';

/**
 * The first period a customer brought in from elsewhere (a CSV or a router) is invoiced
 * for: the period after the one their "paid until" date falls in. They paid their old
 * system up to that day, so the running month is never billed again; without a date the
 * running month counts as paid.
 */
export function billingStartFor(p: { paidUntil: string | null | undefined; today: string }): string {
  const paid = p.paidUntil || p.today;
  return shiftMonth(`${paid.slice(0, 7)}-01`, 1);
}

type ScheduleSettings = {
  invoiceDay: number;
  dueDay: number;
  graceDays: number;
  isolationTime: string;
  isolationNoticeHours: number;
};

/** "2026-12-01" + days, as a calendar date. */
function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * When a subscription first billed for `period` gets its invoice, and the earliest local
 * moment ("YYYY-MM-DD HH:MM", organization zone) it can be isolated if that invoice stays
 * unpaid. The same rules as runBilling and runIsolation: prepaid on the issue day at the
 * isolation time, postpaid the day after due day + grace; never before the invoice has
 * existed the minimum notice (the billing pass issues it at the start of the invoice day).
 */
export function firstBillingSchedule(p: {
  period: string;
  billingType: BillingType;
  settings: ScheduleSettings;
  today?: string;
  nowMinutes?: number;
}) {
  const s = p.settings;
  const invoiceOn = addDays(p.period, s.invoiceDay - 1);
  // A period whose invoice day has passed (paid until a month already running) is invoiced by
  // the next pass, today, and its notice counts from now (minutes after local midnight).
  const late = p.today !== undefined && invoiceOn < p.today;
  const issuedOn = late ? p.today! : invoiceOn;
  const issuedMinutes = late ? (p.nowMinutes ?? 0) : 0;
  const [hh, mm] = s.isolationTime.split(':').map(Number) as [number, number];
  const ruleDay =
    p.billingType === 'prepaid' ? invoiceOn : addDays(p.period, Math.min(s.dueDay, 28) - 1 + s.graceDays + 1);
  // Minutes from the issue day's midnight to the rule's moment, then at least the notice.
  const ruleMinutes =
    (Date.parse(`${ruleDay}T00:00:00Z`) - Date.parse(`${issuedOn}T00:00:00Z`)) / 60_000 + hh * 60 + mm;
  const minutes = Math.max(ruleMinutes, issuedMinutes + s.isolationNoticeHours * 60);
  const day = addDays(issuedOn, Math.floor(minutes / 1440));
  const rest = minutes % 1440;
  const time = `${String(Math.floor(rest / 60)).padStart(2, '0')}:${String(rest % 60).padStart(2, '0')}`;
  return { period: p.period, invoiceOn: issuedOn, isolateFrom: `${day} ${time}` };
}
