import { formatIDR, intlLocale } from '@/lib/format';
import type { Locale } from '@/lib/i18n/config';

/** Axis ticks: rupiah in short form ("Rp 1,2 jt", "Rp 850 rb") so a 390 px chart keeps its bars. */
export function compactIDR(amount: number, locale: Locale) {
  return `Rp ${new Intl.NumberFormat(intlLocale(locale), { notation: 'compact', maximumFractionDigits: 1 }).format(amount)}`;
}

export function formatCount(n: number, locale: Locale) {
  return new Intl.NumberFormat(intlLocale(locale)).format(n);
}

export function formatPercent(ratio: number, locale: Locale) {
  return new Intl.NumberFormat(intlLocale(locale), { style: 'percent', maximumFractionDigits: 0 }).format(ratio);
}

/** What a chart's values are, so a client chart formats them without a function prop. */
export type ValueFormat = 'idr' | 'count' | 'percent';

export function formatValue(value: number, format: ValueFormat, locale: Locale, compact = false) {
  if (format === 'idr') {
    return compact ? compactIDR(value, locale) : formatIDR(value);
  }
  if (format === 'percent') return formatPercent(value, locale);
  return compact
    ? new Intl.NumberFormat(intlLocale(locale), { notation: 'compact', maximumFractionDigits: 1 }).format(value)
    : formatCount(value, locale);
}

/**
 * Series colours. Kept here, not in the 'use client' chart module: a server component that
 * imports a constant from a client module gets a reference, not the value.
 */
export const CHART_COLORS = {
  blue: '#2563eb',
  green: '#059669',
  amber: '#d97706',
  red: '#dc2626',
  slate: '#64748b',
  violet: '#7c3aed',
} as const;
