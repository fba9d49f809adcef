import type { Locale } from './i18n/config';

const intlLocale = (locale: Locale) => (locale === 'id' ? 'id-ID' : 'en-GB');

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
