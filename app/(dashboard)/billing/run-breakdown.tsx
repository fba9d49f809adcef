'use client';
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { STACKED_ROW, StackedCell, StackedTable } from '@/components/ui/stacked-table';
import type { BillingBreakdown } from '@/lib/billing/preview';
import { formatDate, formatIDR } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';

/** What the run would issue, before the button: by plan, by billing type, lines, who will be isolated. */
export function RunBreakdown({ breakdown }: { breakdown: BillingBreakdown }) {
  const t = useTranslations('billingPreview');
  const tt = useTranslations();
  const locale = toLocale(useLocale());
  const money = 'text-right whitespace-nowrap tabular-nums';
  const count = (n: number) => t('invoices', { count: n });
  return (
    <div className="mt-4 space-y-4" data-testid="billing-breakdown">
      <section>
        <h3 className="mb-1 text-sm font-semibold">{t('byPlan')}</h3>
        <StackedTable head={[t('plan'), t('count'), t('amount')]} testId="breakdown-plans" variant="inset">
          {breakdown.byPlan.map((r) => (
            <tr key={r.plan} className={STACKED_ROW.inset}>
              <StackedCell label={t('plan')} className="col-span-2 font-medium">
                {r.plan}
              </StackedCell>
              <StackedCell label={t('count')}>{count(r.count)}</StackedCell>
              <StackedCell label={t('amount')} className={money}>
                {formatIDR(r.amount)}
              </StackedCell>
            </tr>
          ))}
        </StackedTable>
      </section>
      <section className="grid gap-4 sm:grid-cols-2">
        <div>
          <h3 className="mb-1 text-sm font-semibold">{t('byType')}</h3>
          <ul className="space-y-1 text-sm" data-testid="breakdown-types">
            {breakdown.byType.map((r) => (
              <li key={r.billingType} className="flex justify-between gap-2">
                <span>
                  {tt(`billingTypes.${r.billingType}`)} · {count(r.count)}
                </span>
                <span className={money}>{formatIDR(r.amount)}</span>
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h3 className="mb-1 text-sm font-semibold">{t('lines')}</h3>
          <ul className="space-y-1 text-sm" data-testid="breakdown-lines">
            {breakdown.lines.map((r) => (
              <li key={r.kind} className="flex justify-between gap-2" data-kind={r.kind}>
                <span>{t(`kinds.${r.kind}`, { count: r.count })}</span>
                <span className={money}>{formatIDR(r.amount)}</span>
              </li>
            ))}
          </ul>
        </div>
      </section>
      <section data-testid="breakdown-isolation">
        <h3 className="mb-1 text-sm font-semibold">{t('isolation', { count: breakdown.isolation.count })}</h3>
        <p className="mb-2 text-xs text-slate-500">
          {t('isolateOn', {
            prepaid: formatDate(breakdown.isolateOn.prepaid, locale),
            postpaid: formatDate(breakdown.isolateOn.postpaid, locale),
          })}
        </p>
        {breakdown.isolation.sample.length > 0 && (
          <ul className="divide-y divide-slate-200 text-sm dark:divide-slate-800">
            {breakdown.isolation.sample.map((r) => (
              <li key={`${r.customerId}-${r.serviceUsername}`} className="flex items-center justify-between gap-2 py-1">
                <Link href={`/customers/${r.customerId}`} className="min-h-11 min-w-0 py-2 underline">
                  <span className="block truncate">{r.customerName}</span>
                  <span className="block text-xs text-slate-500">
                    {r.serviceUsername} · {formatDate(r.isolateOn, locale)}
                  </span>
                </Link>
                <span className={money}>{formatIDR(r.debt)}</span>
              </li>
            ))}
          </ul>
        )}
        {breakdown.isolation.count > breakdown.isolation.sample.length && (
          <p className="mt-1 text-xs text-slate-500">
            {t('more', { count: breakdown.isolation.count - breakdown.isolation.sample.length })}
          </p>
        )}
      </section>
    </div>
  );
}
