import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { BarChart } from '@/components/charts/bar-chart';
import { CHART_COLORS, formatPercent } from '@/components/charts/format';
import { StatTile } from '@/components/charts/stat-tile';
import { Card } from '@/components/ui/card';
import type { FinanceDashboard } from '@/lib/dashboard/finance';
import { formatDate, formatIDR, formatMonth } from '@/lib/format';
import type { Locale } from '@/lib/i18n/config';

const q = (params: Record<string, string>) => `?${new URLSearchParams(params).toString()}`;

/** The admin and finance figures; every number and bar opens the list behind it. */
export async function MoneyTiles({ f }: { f: FinanceDashboard }) {
  const t = await getTranslations('dashboard');
  const open = f.aging.reduce((s, b) => s + b.invoices, 0);
  return (
    <>
      <StatTile
        label={t('mrr')}
        value={formatIDR(f.mrr)}
        hint={t('mrrHint', { count: f.customers.active })}
        href={`/customers${q({ status: 'active' })}`}
        testId="stat-mrr"
      />
      <StatTile
        label={t('billed')}
        value={formatIDR(f.billed.current)}
        hint={t('vsLast', { amount: formatIDR(f.billed.previous) })}
        href={`/billing${q({ period: f.period })}`}
        testId="stat-billed"
      />
      <StatTile
        label={t('collectedMonth')}
        value={formatIDR(f.collected.current)}
        hint={t('vsLast', { amount: formatIDR(f.collected.previous) })}
        href={`/billing/payments${q({ month: f.period.slice(0, 7), status: 'approved' })}`}
        tone={f.collected.current >= f.collected.previous ? 'green' : undefined}
        testId="stat-collected"
      />
      <StatTile
        label={t('outstandingAll')}
        value={formatIDR(f.outstanding)}
        hint={t('outstandingHint', { count: open })}
        href={`/billing${q({ overdue: 'all' })}`}
        tone={f.outstanding > 0 ? 'red' : undefined}
        testId="stat-outstanding"
      />
      <StatTile
        label={t('customersIsolated')}
        value={f.customers.isolated}
        href={`/customers${q({ status: 'isolated' })}`}
        tone={f.customers.isolated > 0 ? 'amber' : undefined}
        testId="stat-isolated"
      />
      <StatTile
        label={t('vouchersSold')}
        value={f.vouchers.current}
        hint={t('vouchersHint', { amount: formatIDR(f.vouchers.sales), count: f.vouchers.previous })}
        href={`/vouchers/sales${q({ from: f.period, to: f.today })}`}
        testId="stat-vouchers"
      />
    </>
  );
}

export async function MoneyCharts({ f, locale }: { f: FinanceDashboard; locale: Locale }) {
  const t = await getTranslations('dashboard');
  const rate = f.collections.map((c) => ({
    label: formatMonth(c.period, locale),
    href: `/billing${q({ period: c.period })}`,
    onTime: c.billed ? c.onTime / c.billed : 0,
    paid: c.billed ? c.paid / c.billed : 0,
  }));
  const aging = f.aging.map((b) => ({
    label: t(`agingBuckets.${b.bucket}`),
    href: `/billing${q({ overdue: b.bucket })}`,
    amount: b.amount,
  }));
  // Each bar opens the customers behind it: added, terminated or isolated in that month.
  const moved = (event: 'joined' | 'terminated' | 'isolated', from: string, to = from) =>
    `/customers${q({ event, from: from.slice(0, 7), to: to.slice(0, 7) })}`;
  const movement = f.movement.map((m) => ({
    label: formatMonth(m.month, locale, { year: false }),
    new: m.new,
    churned: m.churned,
    isolated: m.isolated,
    href_new: moved('joined', m.month),
    href_churned: moved('terminated', m.month),
    href_isolated: moved('isolated', m.month),
  }));
  const span = [f.movement[0]?.month ?? f.period, f.movement.at(-1)?.month ?? f.period] as const;
  const totals = f.movement.reduce(
    (s, m) => ({ new: s.new + m.new, churned: s.churned + m.churned, isolated: s.isolated + m.isolated }),
    { new: 0, churned: 0, isolated: 0 },
  );
  const byPlan = f.revenueByPlan.map((p) => ({
    label: p.name,
    href: `/customers${q({ status: 'active', planId: p.planId })}`,
    mrr: p.mrr,
  }));
  const byArea = f.revenueByArea.map((a) => ({
    label: a.area || t('noArea'),
    href: a.area ? `/customers${q({ status: 'active', area: a.area })}` : `/customers${q({ status: 'active' })}`,
    mrr: a.mrr,
  }));
  const empty = <p className="text-sm text-slate-500">{t('noData')}</p>;
  return (
    <div className="grid gap-3 lg:grid-cols-2">
      <Card className="min-w-0">
        <h3 className="font-semibold">{t('collectionRate')}</h3>
        <p className="mb-2 text-xs text-slate-500">{t('collectionRateHint')}</p>
        {rate.length ? (
          <BarChart
            title={t('collectionRate')}
            data={rate}
            format="percent"
            locale={locale}
            series={[
              { key: 'onTime', label: t('onTime'), color: CHART_COLORS.green },
              { key: 'paid', label: t('paidToDate'), color: CHART_COLORS.blue },
            ]}
          />
        ) : (
          empty
        )}
        <ul className="mt-2 grid grid-cols-2 gap-1 text-xs sm:grid-cols-3">
          {f.collections.map((c) => (
            <li key={c.period}>
              <Link href={`/billing${q({ period: c.period })}`} className="inline-flex min-h-11 items-center underline">
                {formatMonth(c.period, locale)}: {formatPercent(c.billed ? c.onTime / c.billed : 0, locale)}
              </Link>
            </li>
          ))}
        </ul>
      </Card>
      <Card className="min-w-0">
        <h3 className="font-semibold">{t('aging')}</h3>
        <p className="mb-2 text-xs text-slate-500">{t('agingNote')}</p>
        <BarChart
          title={t('aging')}
          data={aging}
          format="idr"
          locale={locale}
          horizontal
          series={[{ key: 'amount', label: t('outstandingAll'), color: CHART_COLORS.red }]}
        />
        <ul className="mt-2 divide-y divide-slate-100 text-sm dark:divide-slate-800" data-testid="aging-list">
          {f.aging.map((b) => (
            <li key={b.bucket}>
              <Link
                href={`/billing${q({ overdue: b.bucket })}`}
                className="flex min-h-11 items-center justify-between gap-2"
                data-testid={`aging-${b.bucket}`}
              >
                <span>
                  {t(`agingBuckets.${b.bucket}`)}{' '}
                  <span className="text-xs text-slate-500">{t('invoicesCount', { count: b.invoices })}</span>
                </span>
                <span className="font-medium">{formatIDR(b.amount)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </Card>
      <Card className="min-w-0 lg:col-span-2">
        <h3 className="mb-2 font-semibold">{t('movement')}</h3>
        <BarChart
          title={t('movement')}
          data={movement}
          format="count"
          locale={locale}
          series={[
            { key: 'new', label: t('movementNew'), color: CHART_COLORS.green },
            { key: 'churned', label: t('movementChurned'), color: CHART_COLORS.slate },
            { key: 'isolated', label: t('movementIsolated'), color: CHART_COLORS.amber },
          ]}
        />
        <p className="mt-2 flex flex-wrap gap-x-4 text-sm">
          <span className="text-slate-500">{t('movementTotals')}:</span>
          <Link href={moved('joined', ...span)} className="inline-flex min-h-11 items-center underline">
            {t('movementNew')} {totals.new}
          </Link>
          <Link href={moved('terminated', ...span)} className="inline-flex min-h-11 items-center underline">
            {t('movementChurned')} {totals.churned}
          </Link>
          <Link href={moved('isolated', ...span)} className="inline-flex min-h-11 items-center underline">
            {t('movementIsolated')} {totals.isolated}
          </Link>
        </p>
      </Card>
      <Card className="min-w-0">
        <h3 className="mb-2 font-semibold">{t('revenueByPlan')}</h3>
        {byPlan.length ? (
          <BarChart
            title={t('revenueByPlan')}
            data={byPlan}
            format="idr"
            locale={locale}
            horizontal
            series={[{ key: 'mrr', label: t('mrr'), color: CHART_COLORS.blue }]}
          />
        ) : (
          empty
        )}
      </Card>
      <Card className="min-w-0">
        <h3 className="mb-2 font-semibold">{t('revenueByArea')}</h3>
        {byArea.length ? (
          <BarChart
            title={t('revenueByArea')}
            data={byArea}
            format="idr"
            locale={locale}
            horizontal
            series={[{ key: 'mrr', label: t('mrr'), color: CHART_COLORS.violet }]}
          />
        ) : (
          empty
        )}
      </Card>
      <Card className="min-w-0 lg:col-span-2">
        <h3 className="mb-2 font-semibold">{t('topUnpaid')}</h3>
        {f.topUnpaid.length === 0 ? (
          <p className="text-sm text-slate-500">{t('topUnpaidEmpty')}</p>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm dark:divide-slate-800" data-testid="top-unpaid">
            {f.topUnpaid.map((c) => (
              <li key={c.invoiceId}>
                <Link
                  href={`/invoices/${c.invoiceId}`}
                  className="flex min-h-11 items-center justify-between gap-2 py-1"
                >
                  <span className="min-w-0">
                    <span className="block truncate font-medium">{c.name}</span>
                    <span className="text-xs text-slate-500">
                      {c.number} · {t('dueOn', { date: formatDate(c.dueDate, locale) })}
                    </span>
                  </span>
                  <span className="shrink-0 font-semibold text-red-700 dark:text-red-400">{formatIDR(c.owed)}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
