import { dayIn } from './schedule';

/**
 * Which backups a target keeps: grandfather-father-son, as restic's and Borg's `keep-daily`
 * / `keep-weekly` / `keep-monthly` count. For each of the last `daily` days that have a good
 * backup, the newest one of that day is kept; the same for the last `weekly` ISO weeks and the
 * last `monthly` months (days, weeks and months in the schedule's zone). Periods without a
 * backup do not use up a slot, so a week of failed runs never costs the older backups. The
 * newest good backup is always kept, whatever the numbers say.
 *
 * Only good copies are passed in (the caller reads stored, not yet removed copies): a failed
 * or partial upload never counts as a backup here, so it can never push a good one out.
 */
export type RetentionPolicy = { keepDaily: number; keepWeekly: number; keepMonthly: number; timeZone: string };
export type RetainedCopy = { id: string; takenAt: Date };

export function planRetention<C extends RetainedCopy>(
  copies: C[],
  policy: RetentionPolicy,
): { keep: C[]; remove: C[] } {
  const newestFirst = [...copies].sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime() || (a.id < b.id ? 1 : -1));
  const kept = new Set<string>();
  if (newestFirst[0]) kept.add(newestFirst[0].id);
  const periods: [number, (day: string) => string][] = [
    [policy.keepDaily, (day) => day],
    [policy.keepWeekly, isoWeek],
    [policy.keepMonthly, (day) => day.slice(0, 7)],
  ];
  for (const [count, periodOf] of periods) {
    const seen = new Set<string>();
    for (const copy of newestFirst) {
      if (seen.size >= count) break;
      const period = periodOf(dayIn(policy.timeZone, copy.takenAt));
      if (seen.has(period)) continue;
      // The first copy met in a period is its newest.
      seen.add(period);
      kept.add(copy.id);
    }
  }
  return {
    keep: newestFirst.filter((c) => kept.has(c.id)),
    remove: newestFirst.filter((c) => !kept.has(c.id)),
  };
}

/** The ISO 8601 week of a calendar day, `2026-W01` (the week with the year's first Thursday). */
export function isoWeek(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  const weekday = d.getUTCDay() || 7;
  // The Thursday of this week decides the week's year.
  d.setUTCDate(d.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}
