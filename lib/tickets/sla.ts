import type { TicketPriority, WorkingHours } from '@/db/enums';

/**
 * SLA clocks count only the organization's working hours, in its time zone: a complaint at
 * 16:30 on Saturday with a 2-hour target (working 08:00–17:00 Mon–Sat) is due 09:30 Monday.
 * Pure functions, for the server and the list's timers alike.
 */

/** Targets in working minutes when the organization has not set its own. */
export const DEFAULT_SLA_TARGETS: Record<TicketPriority, { firstResponseMinutes: number; resolutionMinutes: number }> =
  {
    urgent: { firstResponseMinutes: 30, resolutionMinutes: 240 },
    high: { firstResponseMinutes: 60, resolutionMinutes: 480 },
    normal: { firstResponseMinutes: 120, resolutionMinutes: 1440 },
    low: { firstResponseMinutes: 240, resolutionMinutes: 2880 },
  };

export const DEFAULT_WORKING_HOURS: WorkingHours = { days: [1, 2, 3, 4, 5, 6], start: '08:00', end: '17:00' };

const MINUTE = 60_000;
const DAY = 86_400_000;

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** The calendar day (Y-M-D as a UTC midnight) and weekday of an instant in a zone, and its offset. */
function localDay(at: Date, timeZone: string): { dayUtc: number; weekday: number; offsetMs: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  const dayUtc = Date.UTC(get('year'), get('month') - 1, get('day'));
  return { dayUtc, weekday: new Date(dayUtc).getUTCDay(), offsetMs: wall - Math.floor(at.getTime() / 1000) * 1000 };
}

/** Working windows [start, end) as instants, day by day from the day `from` falls on. */
function* windows(from: Date, hours: WorkingHours, timeZone: string): Generator<[number, number]> {
  const start = minutesOf(hours.start);
  const end = minutesOf(hours.end);
  const days = new Set(hours.days);
  if (end <= start || days.size === 0) return;
  const first = localDay(from, timeZone);
  // Up to two years of calendar: a target longer than that is a setting mistake, not a clock.
  for (let i = 0; i < 730; i++) {
    const dayUtc = first.dayUtc + i * DAY;
    const weekday = new Date(dayUtc).getUTCDay();
    if (!days.has(weekday)) continue;
    // The zone's offset at noon that day (Indonesia has no daylight saving; elsewhere this is
    // right except on the hour a clock changes).
    const { offsetMs } = localDay(new Date(dayUtc + 12 * 3_600_000), timeZone);
    yield [dayUtc + start * MINUTE - offsetMs, dayUtc + end * MINUTE - offsetMs];
  }
}

/** The instant `minutes` working minutes after `from`. */
export function addWorkingMinutes(from: Date, minutes: number, hours: WorkingHours, timeZone: string): Date {
  let left = minutes * MINUTE;
  const t = from.getTime();
  for (const [ws, we] of windows(from, hours, timeZone)) {
    if (we <= t) continue;
    const begin = Math.max(ws, t);
    if (begin + left <= we) return new Date(begin + left);
    left -= we - begin;
  }
  // No working hours at all: count the clock.
  return new Date(t + minutes * MINUTE);
}

/** Working minutes between two instants (0 when `to` is before `from`). */
export function workingMinutesBetween(from: Date, to: Date, hours: WorkingHours, timeZone: string): number {
  const a = from.getTime();
  const b = to.getTime();
  if (b <= a) return 0;
  let total = 0;
  for (const [ws, we] of windows(from, hours, timeZone)) {
    if (ws >= b) break;
    total += Math.max(0, Math.min(we, b) - Math.max(ws, a));
  }
  return Math.round(total / MINUTE);
}

export type SlaState = 'met' | 'ok' | 'due_soon' | 'breached' | 'none';

/**
 * One timer's state: met (done before due), breached (done late, or now past due), due soon
 * (less than a fifth of the target left, at most an hour), ok.
 */
export function slaState(dueAt: Date | null, doneAt: Date | null, now: Date, targetMinutes?: number): SlaState {
  if (!dueAt) return 'none';
  if (doneAt) return doneAt <= dueAt ? 'met' : 'breached';
  if (now > dueAt) return 'breached';
  const soon = Math.min(60, Math.max(5, Math.round((targetMinutes ?? 60) / 5))) * MINUTE;
  return dueAt.getTime() - now.getTime() <= soon ? 'due_soon' : 'ok';
}
