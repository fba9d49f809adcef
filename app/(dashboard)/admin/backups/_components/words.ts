import { backupErrorKey } from '@/lib/backups/error-codes';

type T = (key: string, values?: Record<string, string | number>) => string;

/** "3 jam lalu": how long ago, in the largest whole unit (minutes, hours, days). */
export function formatAge(t: T, ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return t('backups.age.minutes', { count: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t('backups.age.hours', { count: hours });
  return t('backups.age.days', { count: Math.floor(hours / 24) });
}

/** "1 mnt 5 dtk": how long a run took. */
export function formatDuration(t: T, ms: number | null): string {
  if (ms === null) return '—';
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return t('backups.duration.seconds', { s: seconds });
  return t('backups.duration.minutes', { m: Math.floor(seconds / 60), s: seconds % 60 });
}

/** A stored error code in words, with what to do next. */
export function errorWords(t: T, code: string | null): string {
  return t(backupErrorKey(code));
}

/**
 * Why a copy failed, in words. A copy whose target was removed mid-run names the place the file
 * may still be when it got there (nothing manages it any more), and says nothing was left there
 * when it did not (removed before the copy began, or the upload failed).
 */
export function copyFailureWords(t: T, copy: { errorCode: string | null; location: string | null }): string {
  if (copy.errorCode === 'target_removed' && copy.location)
    return t('backups.copies.targetRemovedSent', { location: copy.location });
  return errorWords(t, copy.errorCode);
}

/** A value as it arrives in a client component: dates as ISO strings. */
export type Json<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Json<U>[]
    : T extends object
      ? { [K in keyof T]: Json<T[K]> }
      : T;
