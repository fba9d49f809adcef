import type { Locale } from './i18n/config';

/** The Intl locale for one of ours (Indonesian, or English with day-month order). */
export const intlLocale = (locale: Locale) => (locale === 'id' ? 'id-ID' : 'en-GB');

/** Stored in UTC, shown in the organization's zone (WIB by default). */
export function formatDateTime(value: Date | string | null | undefined, locale: Locale, timeZone = 'Asia/Jakarta') {
  if (!value) return '—';
  return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(
    new Date(value),
  );
}

/** Integer rupiah, e.g. `Rp 150.000`. */
export function formatIDR(amount: number | bigint) {
  return new Intl.NumberFormat('id-ID', { style: 'currency', currency: 'IDR', maximumFractionDigits: 0 }).format(
    amount,
  );
}

/** A calendar date stored as YYYY-MM-DD (no time, no zone), e.g. `20 Nov 2026`. */
export function formatDate(value: string | null | undefined, locale: Locale) {
  if (!value) return '—';
  return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${value}T00:00:00Z`),
  );
}

/** A date that may be missing or come as database text: "—" rather than an error. */
export function formatDateTimeOrDash(value: Date | string | null | undefined, locale: Locale, timeZone: string) {
  if (!value) return '—';
  let date = new Date(value);
  // Postgres text (`2026-05-01 10:00:00+07`) in its ISO form, for engines that only read ISO.
  if (Number.isNaN(date.getTime()))
    date = new Date(
      String(value)
        .replace(' ', 'T')
        .replace(/([+-]\d\d)$/, '$1:00'),
    );
  return Number.isNaN(date.getTime()) ? '—' : formatDateTime(date, locale, timeZone);
}

/** A calendar day as the forms send it (`YYYY-MM-DD`). */
export function isDay(value: string | null | undefined): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  // Date rolls 2026-02-31 over to March: only a day that comes back unchanged exists.
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * The first moment of a calendar day (plus `addDays`) in a zone: a date typed in a form
 * means the organization's day, not the server's or UTC's (00:00 WIB is 17:00 UTC before).
 */
export function zonedDayStart(day: string, timeZone: string, addDays = 0): Date {
  const utc = new Date(`${day}T00:00:00Z`);
  utc.setUTCDate(utc.getUTCDate() + addDays);
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(utc);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return new Date(utc.getTime() - (local - utc.getTime()));
}

/**
 * A month (`YYYY-MM` or `YYYY-MM-DD`) by name in the reader's language: "Des 2026" / "Dec 2026";
 * `year: false` for a chart axis that names the year elsewhere ("Mei").
 */
export function formatMonth(value: string, locale: Locale, opts: { month?: 'short' | 'long'; year?: boolean } = {}) {
  const m = /^(\d{4})-(\d{2})/.exec(value);
  if (!m) return value;
  const year = opts.year === false ? {} : { year: 'numeric' as const };
  return new Intl.DateTimeFormat(intlLocale(locale), { month: opts.month ?? 'short', ...year, timeZone: 'UTC' }).format(
    new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)),
  );
}
