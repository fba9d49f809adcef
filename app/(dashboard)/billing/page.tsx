import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { BulkBar, ExportLinks } from '@/components/bulk/bulk-bar';
import { filterQuery, ROW_WITH_CHECK } from '@/components/bulk/rows';
import { BulkSelection, RowCheck } from '@/components/bulk/selection';
import { InvoiceStatusBadge } from '@/components/invoice-status-badge';
import { buttonClass } from '@/components/ui/button';
import { EmptyState, PageHeader } from '@/components/ui/card';
import { FilterSelect } from '@/components/ui/filter-select';
import { SearchForm } from '@/components/ui/search-form';
import { STACKED_ROW, StackedCell, StackedTable } from '@/components/ui/stacked-table';
import { Pager } from '@/components/ui/table';
import { INVOICE_STATUSES } from '@/db/schema';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { periodOf } from '@/lib/billing/money';
import { listInvoicesOp, listPaymentsOp } from '@/lib/billing/operations';
import { formatCustomerNumber } from '@/lib/customers/constants';
import { formatDate, formatIDR } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { executeOperation } from '@/lib/server/operation';
import { IsolationPanel } from './isolation-panel';
import { PendingTransfers } from './pending-transfers';
import { RunPanel } from './run-panel';

export default async function BillingPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { info, ctx, read } = await requirePage('billing.view');
  const sp = await searchParams;
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const result = await executeOperation(listInvoicesOp, ctx, {
    status: sp.status,
    period: sp.period,
    overdue: sp.overdue,
    q: sp.q,
    cursor: sp.cursor,
  });
  const page = result.ok ? result.data : { items: [], nextCursor: null };
  const current = periodOf(new Date(), info.org!.timezone);
  const pending = can(ctx.role, 'payments.approve')
    ? await read(listPaymentsOp, { status: 'pending', limit: 50 })
    : null;
  const bulk = {
    remind: can(ctx.role, 'billing.run'),
    status: can(ctx.role, 'subscriptions.transition'),
    export: can(ctx.role, 'reports.view'),
  };
  const anyBulk = bulk.remind || bulk.status || bulk.export;
  return (
    <div className="space-y-4">
      <PageHeader
        title={t('billing.title')}
        subtitle={t('billing.subtitle')}
        actions={
          <>
            {can(ctx.role, 'billing.settings') && (
              <Link href="/billing/settings" className={buttonClass('secondary')}>
                {t('billing.settings')}
              </Link>
            )}
            {can(ctx.role, 'payments.gateways') && (
              <Link href="/settings/payments" className={buttonClass('secondary')} data-testid="payment-settings-link">
                {t('payments.settings')}
              </Link>
            )}
            {bulk.export && (
              <ExportLinks kind="invoices" query={filterQuery(sp, ['q', 'status', 'period', 'overdue'])} />
            )}
          </>
        }
      />
      {can(ctx.role, 'billing.run') && <RunPanel defaultMonth={current.slice(0, 7)} />}
      {can(ctx.role, 'billing.run') && <IsolationPanel />}
      {pending && <PendingTransfers transfers={JSON.parse(JSON.stringify(pending.items))} />}
      <section>
        <SearchForm q={sp.q} placeholder={t('billing.searchPlaceholder')} submitLabel={t('common.filter')}>
          <FilterSelect
            name="status"
            label={t('common.status')}
            value={sp.status}
            allLabel={t('common.all')}
            className="sm:max-w-48"
            options={INVOICE_STATUSES.map((s) => ({ value: s, label: t(`invoiceStatuses.${s}`) }))}
          />
          <input type="hidden" name="period" value={sp.period ?? ''} />
          <input type="hidden" name="overdue" value={sp.overdue ?? ''} />
        </SearchForm>
        {page.items.length === 0 ? (
          <EmptyState title={t('billing.emptyTitle')} hint={t('billing.emptyHint')} />
        ) : (
          <BulkSelection pageIds={page.items.map((i) => i.id)}>
            {anyBulk && <BulkBar kind="invoices" allowed={bulk} />}
            <StackedTable
              testId="invoices-table"
              head={[
                ...(anyBulk
                  ? [
                      <span key="sel" className="sr-only">
                        {t('bulk.select')}
                      </span>,
                    ]
                  : []),
                t('billing.number'),
                t('billing.customer'),
                t('billing.due'),
                t('billing.total'),
                t('billing.outstanding'),
                t('common.status'),
              ]}
            >
              {page.items.map((i) => (
                <tr key={i.id} data-testid="invoice-row" className={anyBulk ? ROW_WITH_CHECK : STACKED_ROW.page}>
                  {anyBulk && (
                    <StackedCell className="row-span-4 md:w-12">
                      <RowCheck id={i.id} label={t('bulk.selectRow', { name: i.number })} />
                    </StackedCell>
                  )}
                  <StackedCell className="md:whitespace-nowrap">
                    <Link
                      href={`/invoices/${i.id}`}
                      className="inline-flex min-h-11 items-center break-all font-mono text-xs text-brand-700 underline md:min-h-0 dark:text-brand-500"
                    >
                      {i.number}
                    </Link>
                  </StackedCell>
                  <StackedCell className="order-1 col-span-2 md:order-none md:col-span-1">
                    <Link
                      href={`/customers/${i.customerId}`}
                      className="inline-flex min-h-11 items-center hover:underline md:min-h-0"
                    >
                      {i.customerName}
                    </Link>
                    <div className="text-xs text-slate-500">{formatCustomerNumber(i.customerNumber)}</div>
                  </StackedCell>
                  <StackedCell label={t('billing.due')} className="order-2 md:order-none md:whitespace-nowrap">
                    {formatDate(i.dueDate, locale)}
                  </StackedCell>
                  <StackedCell label={t('billing.total')} className="order-2 md:order-none md:whitespace-nowrap">
                    {formatIDR(i.total)}
                  </StackedCell>
                  <StackedCell
                    label={t('billing.outstanding')}
                    className="order-3 font-semibold md:order-none md:whitespace-nowrap md:font-normal"
                  >
                    {formatIDR(Math.max(0, i.total - i.paidAmount))}
                  </StackedCell>
                  {/* On a phone the status sits beside the number, on the card's first line. */}
                  <StackedCell className="text-right md:text-left">
                    <InvoiceStatusBadge status={i.status} />
                  </StackedCell>
                </tr>
              ))}
            </StackedTable>
          </BulkSelection>
        )}
        <Pager
          basePath="/billing"
          params={{ q: sp.q, status: sp.status, period: sp.period, overdue: sp.overdue, cursor: sp.cursor }}
          nextCursor={page.nextCursor}
          labels={{ next: t('common.next'), first: t('common.first') }}
        />
      </section>
    </div>
  );
}
