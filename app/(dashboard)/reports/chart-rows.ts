import type { ReportKind, ReportTable } from '@/lib/billing/reports';
import { formatMonth } from '@/lib/format';
import type { Locale } from '@/lib/i18n/config';

/**
 * A report table folded into chart rows: revenue and payments summed per month (oldest
 * first, named "Des 2026"), aging per bucket as it is.
 */
export function chartRows(kind: ReportKind, table: ReportTable, locale: Locale): Record<string, string | number>[] {
  const col = (name: string) => table.columns.indexOf(name);
  if (kind === 'aging')
    return table.rows.map((r) => ({ label: String(r[col('days')]), outstanding: Number(r[col('outstanding')]) }));
  const byMonth = new Map<string, Record<string, string | number>>();
  for (const r of table.rows) {
    const month = String(r[col('month')]);
    const row = byMonth.get(month) ?? { label: formatMonth(month, locale) };
    const add = (key: string, v: unknown) => {
      row[key] = Number(row[key] ?? 0) + Number(v);
    };
    if (kind === 'revenue') {
      add('invoiced', r[col('invoiced')]);
      add('collected', r[col('collected')]);
    } else add(String(r[col('method')]), r[col('amount')]);
    byMonth.set(month, row);
  }
  return [...byMonth.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, row]) => row);
}
