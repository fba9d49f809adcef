import { getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/card';
import { Table, Td } from '@/components/ui/table';
import { requirePage } from '@/lib/auth/context';
import { reportOp } from '@/lib/billing/operations';
import { REPORT_KINDS, type ReportKind } from '@/lib/billing/reports';
import { formatIDR } from '@/lib/format';

const MONEY_COLUMNS = new Set(['invoiced', 'collected', 'outstanding', 'amount']);
const TITLES: Record<ReportKind, string> = { revenue: 'revenue', aging: 'aging', payments: 'byMethod' };

export default async function ReportsPage() {
  const { read } = await requirePage('reports.view');
  const t = await getTranslations();
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
            <p className="text-sm text-slate-500">{t('reports.empty')}</p>
          ) : (
            <Table head={table.columns.map((c) => t(`reports.columns.${c}`))}>
              {table.rows.map((row, i) => (
                <tr key={i}>
                  {row.map((v, j) => (
                    <Td key={j} className={typeof v === 'number' ? 'text-right whitespace-nowrap' : ''}>
                      {typeof v === 'number' && MONEY_COLUMNS.has(table.columns[j]!)
                        ? formatIDR(v)
                        : table.columns[j] === 'method'
                          ? t(`paymentMethods.${v}`)
                          : String(v)}
                    </Td>
                  ))}
                </tr>
              ))}
            </Table>
          )}
        </section>
      ))}
    </div>
  );
}
