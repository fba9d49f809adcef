import type { OnuState, SignalLevel } from '@/db/enums';

/** What an ONU's signal reads as on screens and the map: its level, or no light. */
export type SignalTone = SignalLevel | 'los' | 'none';

export const SIGNAL_COLORS: Record<SignalTone, string> = {
  ok: '#16a34a',
  warning: '#d97706',
  critical: '#dc2626',
  los: '#111827',
  none: '#94a3b8',
};

export const SIGNAL_BADGE: Record<SignalTone, string> = {
  ok: 'bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300',
  warning: 'bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-300',
  critical: 'bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300',
  los: 'bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900',
  none: 'bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300',
};

/** A down ONU (LOS, dying gasp, offline) has no level: it reads as "no light". */
export function signalTone(state: OnuState | null | undefined, level: SignalLevel | null | undefined): SignalTone {
  if (state === 'los' || state === 'dying_gasp' || state === 'offline') return 'los';
  return level ?? 'none';
}

/** A dBm figure in the reader's locale, without its unit: "-19,5" in Indonesian, "-19.5" in English. */
export function formatDbmValue(value: number, locale: string) {
  return value.toLocaleString(locale === 'en' ? 'en-US' : 'id-ID', {
    minimumFractionDigits: 1,
    maximumFractionDigits: 2,
  });
}

/** A threshold as the admin typed it: −25, −27,5 (no trailing zero), in the reader's style. */
export function formatThresholdDbm(value: number, locale: string) {
  return value.toLocaleString(locale === 'en' ? 'en-US' : 'id-ID', { maximumFractionDigits: 2 });
}

export function formatDbm(value: number | null | undefined, locale: string) {
  if (value === null || value === undefined) return '—';
  return `${formatDbmValue(value, locale)} dBm`;
}
