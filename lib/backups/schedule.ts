import { zonedDayStart } from '@/lib/format';

/**
 * When the daily backup is due, in the platform's zone. Pure: the worker's minute tick
 * (lib/backups/tick.ts) asks `dueScheduledDay` and claims the day it returns, once.
 */

/** The zones a schedule may use: the organizations' (WIB, WITA, WIT). */
export const BACKUP_TIME_ZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;
export type BackupTimeZone = (typeof BACKUP_TIME_ZONES)[number];

export type BackupSchedule = { enabled: boolean; time: string; timeZone: string };

const DAY_MS = 24 * 60 * 60 * 1000;

/** The calendar day (YYYY-MM-DD) a moment falls on in a zone. */
export function dayIn(timeZone: string, at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** The day after (or `n` days after) a calendar day. */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/**
 * The moment a day's backup is due: `time` (HH:MM) on `day` in the zone. Indonesia's zones
 * keep no daylight saving, so local midnight plus the minutes is exact.
 */
export function scheduledAt(day: string, time: string, timeZone: string): Date {
  const [h, m] = time.split(':').map(Number);
  return new Date(zonedDayStart(day, timeZone).getTime() + ((h ?? 0) * 60 + (m ?? 0)) * 60_000);
}

/**
 * The local day whose backup should start now, or null. Today's is due from its time until
 * the day ends, so a worker that was down at 03:00 still backs up when it comes back; a day
 * already claimed (`lastScheduledDay`) never is again, and a missed earlier day is not made up.
 */
export function dueScheduledDay(schedule: BackupSchedule, now: Date, lastScheduledDay: string | null): string | null {
  if (!schedule.enabled) return null;
  const today = dayIn(schedule.timeZone, now);
  if (lastScheduledDay !== null && lastScheduledDay >= today) return null;
  return now >= scheduledAt(today, schedule.time, schedule.timeZone) ? today : null;
}

/** When the next scheduled backup starts (null: the schedule is off). */
export function nextScheduledAt(schedule: BackupSchedule, now: Date, lastScheduledDay: string | null): Date | null {
  if (!schedule.enabled) return null;
  const today = dayIn(schedule.timeZone, now);
  if (dueScheduledDay(schedule, now, lastScheduledDay) === today) return now;
  const todayAt = scheduledAt(today, schedule.time, schedule.timeZone);
  const claimed = lastScheduledDay !== null && lastScheduledDay >= today;
  return !claimed && todayAt > now ? todayAt : scheduledAt(addDays(today, 1), schedule.time, schedule.timeZone);
}

/**
 * Whether the platform is without a recent backup: the last good one is more than a day old,
 * or there has never been one and the install is more than a day old (a fresh install gets
 * its first night first).
 */
export function isBackupStale(p: { lastGoodAt: Date | null; installedAt: Date | null; now: Date }): boolean {
  const since = p.lastGoodAt ?? p.installedAt;
  return since !== null && p.now.getTime() - since.getTime() > DAY_MS;
}
