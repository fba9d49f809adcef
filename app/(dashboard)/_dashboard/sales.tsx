import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { BarChart } from '@/components/charts/bar-chart';
import { CHART_COLORS, formatPercent } from '@/components/charts/format';
import { StatTile } from '@/components/charts/stat-tile';
import { Card } from '@/components/ui/card';
import type { SalesDashboard } from '@/lib/dashboard/sales';
import type { Locale } from '@/lib/i18n/config';

export async function SalesTiles({ s, locale }: { s: SalesDashboard; locale: Locale }) {
  const t = await getTranslations();
  return (
    <>
      <StatTile label={t('dashboard.leadsNew')} value={s.stages.new} href="/leads?status=new" testId="stat-leads-new" />
      <StatTile
        label={t('dashboard.conversion')}
        value={formatPercent(s.conversionRate, locale)}
        hint={t('dashboard.conversionHint')}
        href="/leads?status=converted&days=90"
        tone="green"
        testId="stat-conversion"
      />
    </>
  );
}

export async function SalesDetail({ s, locale }: { s: SalesDashboard; locale: Locale }) {
  const t = await getTranslations();
  const stages = (['new', 'converted', 'rejected'] as const).map((status) => ({
    label: t(`leads.statuses.${status}`),
    href: `/leads?status=${status}&days=90`,
    n: s.stages[status],
  }));
  const coverage = s.coverage.map((c) => ({ label: t(`dashboard.coverageResults.${c.result}`), n: c.n }));
  return (
    <div className="grid gap-3 lg:grid-cols-2">
      <Card className="min-w-0">
        <h3 className="mb-2 font-semibold">{t('dashboard.leadsByStage')}</h3>
        <BarChart
          title={t('dashboard.leadsByStage')}
          data={stages}
          format="count"
          locale={locale}
          horizontal
          series={[{ key: 'n', label: t('leads.title'), color: CHART_COLORS.blue }]}
        />
      </Card>
      <Card className="min-w-0">
        <h3 className="font-semibold">{t('dashboard.coverageChecks')}</h3>
        <p className="mb-2 text-xs text-slate-500">{t('dashboard.coverageNote')}</p>
        <BarChart
          title={t('dashboard.coverageChecks')}
          data={coverage}
          format="count"
          locale={locale}
          horizontal
          series={[{ key: 'n', label: t('leads.title'), color: CHART_COLORS.green }]}
        />
      </Card>
      <Card className="min-w-0 lg:col-span-2">
        <h3 className="mb-2 font-semibold">{t('dashboard.perSalesperson')}</h3>
        {s.perSalesperson.length === 0 ? (
          <p className="text-sm text-slate-500">{t('dashboard.noData')}</p>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm dark:divide-slate-800">
            {s.perSalesperson.map((p) => (
              <li key={p.userId ?? 'none'}>
                <Link
                  href={`/leads?days=90${p.userId ? `&by=${p.userId}` : ''}`}
                  className="flex min-h-11 items-center justify-between gap-2"
                >
                  <span className="font-medium">{p.name ?? t('dashboard.unknownPerson')}</span>
                  <span className="text-slate-600 dark:text-slate-400">
                    {t('dashboard.salesRow', { converted: p.converted, leads: p.leads })}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
