import { intlLocale } from '@/lib/format';
import type { Locale } from '@/lib/i18n/config';

/** Decimal gigabytes (10^9 bytes, as ISPs sell quota), up to two decimals: `12,35` in Indonesian. */
export function formatGB(bytes: number, locale: Locale): string {
  return new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 2, minimumFractionDigits: 0 }).format(
    bytes / 1e9,
  );
}
