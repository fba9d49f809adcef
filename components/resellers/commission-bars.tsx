import { formatIDR } from '@/lib/format';
import type { Locale } from '@/lib/i18n/config';
import type { CommissionMonth } from '@/lib/resellers/queries';

/** "2026-11" → "Nov 2026" in the reader's language. */
export function monthLabel(month: string, locale: Locale) {
  const [y, m] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'id-ID', {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y!, m! - 1, 1)));
}

/**
 * Net commission per month as plain CSS bars (no chart library is installed; a list of
 * twelve bars reads fine on a phone and needs no JavaScript).
 */
export function CommissionBars({
  months,
  locale,
  label,
}: {
  months: CommissionMonth[];
  locale: Locale;
  label: string;
}) {
  const max = Math.max(1, ...months.map((m) => m.net));
  return (
    <ul aria-label={label} className="space-y-1.5" data-testid="commission-bars">
      {[...months].reverse().map((m) => (
        <li key={m.month} className="grid grid-cols-[4.5rem_1fr_6.5rem] items-center gap-2 text-xs sm:text-sm">
          <span className="text-slate-500">{monthLabel(m.month, locale)}</span>
          <span className="h-3 rounded bg-slate-100 dark:bg-slate-800" aria-hidden>
            <span
              className="block h-3 rounded bg-brand-600"
              style={{ width: `${Math.max(0, (m.net / max) * 100)}%` }}
            />
          </span>
          <span className="text-right font-medium tabular-nums">{formatIDR(m.net)}</span>
        </li>
      ))}
    </ul>
  );
}
