import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';
import { EmptyState, PageHeader } from '@/components/ui/card';
import { Table, Td } from '@/components/ui/table';
import { PAYMENT_METHODS } from '@/db/schema';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { reportOp } from '@/lib/billing/operations';
import { REPORT_KINDS, type ReportKind } from '@/lib/billing/reports';
import { formatIDR, formatMonth } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { type ChartSeries, ReportChart } from './_components/report-chart';
import { chartRows } from './chart-rows';

const MONEY_COLUMNS = new Set(['invoiced', 'collected', 'outstanding', 'amount']);
const TITLES: Record<ReportKind, string> = { revenue: 'revenue', aging: 'aging', payments: 'byMethod' };

export default async function ReportsPage() {
  const { read, ctx } = await requirePage('reports.view');
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const METHOD_COLORS: Record<string, string> = { cash: '#059669', transfer: '#0284c7', gateway: '#d97706' };
  const series: Record<ReportKind, ChartSeries[]> = {
    revenue: [
      { key: 'invoiced', label: t('reports.columns.invoiced'), color: '#94a3b8' },
      { key: 'collected', label: t('reports.columns.collected'), color: '#059669' },
    ],
    aging: [{ key: 'outstanding', label: t('reports.columns.outstanding'), color: '#dc2626' }],
    payments: PAYMENT_METHODS.map((m) => ({
      key: m,
      label: t(`paymentMethods.${m}`),
      color: METHOD_COLORS[m]!,
      stack: 'methods',
    })),
  };
  const CHART_TITLES: Record<ReportKind, string> = {
    revenue: t('reportsView.chartRevenue'),
    aging: t('reportsView.chartAging'),
    payments: t('reportsView.chartMethods'),
  };
  const tables = await Promise.all(REPORT_KINDS.map(async (kind) => ({ kind, table: await read(reportOp, { kind }) })));
  return (
    <div className="space-y-6">
      <PageHeader title={t('reports.title')} />
      {tables.map(({ kind, table }) => (
        <section key={kind} data-testid={`report-${kind}`}>
          <div className="mb-2 flex items-center justify-between gap-2">
            <h2 className="font-semibold">{t(`reports.${TITLES[kind]}`)}</h2>
            <a href={`/api/reports/${kind}`} className={buttonClass('secondary', 'min-h-9')} download>
              {t('reports.exportCsv')}
            </a>
          </div>
          {table.rows.length === 0 ? (
            <EmptyState
              title={t('reports.empty')}
              hint={t('reportsView.emptyHint')}
              action={
                kind === 'revenue' &&
                can(ctx.role, 'billing.view') && (
                  <Link href="/billing" className={buttonClass('secondary')}>
                    {t('reportsView.emptyAction')}
                  </Link>
                )
              }
            />
          ) : (
            <>
              <ReportChart
                title={CHART_TITLES[kind]}
                rows={chartRows(kind, table, locale)}
                series={series[kind]}
                testId={`chart-${kind}`}
              />
              <Table head={table.columns.map((c) => t(`reports.columns.${c}`))}>
                {table.rows.map((row, i) => (
                  <tr key={i}>
                    {row.map((v, j) => (
                      <Td key={j} className={typeof v === 'number' ? 'text-right whitespace-nowrap' : ''}>
                        {typeof v === 'number' && MONEY_COLUMNS.has(table.columns[j]!)
                          ? formatIDR(v)
                          : table.columns[j] === 'method'
                            ? t(`paymentMethods.${v}`)
                            : table.columns[j] === 'month'
                              ? formatMonth(String(v), locale)
                              : String(v)}
                      </Td>
                    ))}
                  </tr>
                ))}
              </Table>
            </>
          )}
        </section>
      ))}
    </div>
  );
}
