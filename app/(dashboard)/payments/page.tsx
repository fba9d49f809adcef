import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { ExportLinks } from '@/components/bulk/bulk-bar';
import { filterQuery } from '@/components/bulk/rows';
import { TransactionStatusBadge } from '@/components/payments/transaction-status-badge';
import { buttonClass } from '@/components/ui/button';
import { Alert, EmptyState, PageHeader } from '@/components/ui/card';
import { FilterSelect } from '@/components/ui/filter-select';
import { SearchForm } from '@/components/ui/search-form';
import { STACKED_ROW, StackedCell, StackedTable } from '@/components/ui/stacked-table';
import { Pager } from '@/components/ui/table';
import { GATEWAY_TX_STATUSES } from '@/db/schema';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { formatDateTime, formatIDR } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { GATEWAY_MODULES } from '@/lib/payments/gateways';
import { listTransactionsOp } from '@/lib/payments/operations';
import { GATEWAYS } from '@/lib/payments/types';
import { executeOperation } from '@/lib/server/operation';

/** Finance's list of gateway payments: newest first, searchable, filtered by status and gateway. */
export default async function PaymentsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { info, ctx } = await requirePage('billing.view');
  const sp = await searchParams;
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const tz = info.org!.timezone;
  const result = await executeOperation(listTransactionsOp, ctx, {
    status: sp.status ?? '',
    gateway: sp.gateway ?? '',
    q: sp.q,
    cursor: sp.cursor,
  });
  const page = result.ok ? result.data : { items: [], nextCursor: null };
  const filtered = Boolean(sp.q || sp.status || sp.gateway || sp.cursor);
  const methodLabel = (gateway: keyof typeof GATEWAY_MODULES, code: string) =>
    GATEWAY_MODULES[gateway].methods.find((m) => m.code === code)?.label ?? code;
  return (
    <div className="space-y-4">
      <PageHeader
        title={t('payments.title')}
        subtitle={t('payments.subtitle')}
        actions={
          <>
            {can(ctx.role, 'payments.gateways') && (
              <Link href="/settings/payments" className={buttonClass('secondary')}>
                {t('payments.settings')}
              </Link>
            )}
            {can(ctx.role, 'reports.view') && (
              <ExportLinks kind="payments" query={filterQuery(sp, ['q', 'status', 'gateway'])} />
            )}
          </>
        }
      />
      <section>
        <SearchForm q={sp.q} placeholder={t('payments.searchPlaceholder')} submitLabel={t('common.filter')}>
          <FilterSelect
            name="status"
            label={t('common.status')}
            value={sp.status}
            allLabel={t('common.all')}
            className="sm:max-w-48"
            options={GATEWAY_TX_STATUSES.map((s) => ({ value: s, label: t(`payments.statuses.${s}`) }))}
          />
          <FilterSelect
            name="gateway"
            label={t('payments.gateway')}
            value={sp.gateway}
            allLabel={t('common.all')}
            className="sm:max-w-48"
            options={GATEWAYS.map((g) => ({ value: g, label: GATEWAY_MODULES[g].label }))}
          />
        </SearchForm>
        {!result.ok && <Alert>{result.message}</Alert>}
        {page.items.length === 0 ? (
          filtered ? (
            <EmptyState title={t('payments.noMatch')} />
          ) : (
            <EmptyState title={t('payments.emptyTitle')} hint={t('payments.emptyHint')} />
          )
        ) : (
          <StackedTable
            testId="transactions-table"
            head={[
              t('payments.orderId'),
              t('payments.customer'),
              t('payments.method'),
              t('payments.charged'),
              t('common.status'),
              t('payments.createdAt'),
            ]}
          >
            {page.items.map((x) => (
              <tr key={x.id} data-testid="transaction-row" className={STACKED_ROW.page}>
                <StackedCell className="col-span-2">
                  <Link
                    href={`/payments/${x.id}`}
                    className="inline-flex min-h-11 items-center break-all font-mono text-xs text-brand-700 underline dark:text-brand-500"
                  >
                    {x.orderId}
                  </Link>
                  {x.reference && <div className="break-all font-mono text-xs text-slate-500">{x.reference}</div>}
                </StackedCell>
                <StackedCell label={t('payments.customer')}>
                  {x.customerId ? (
                    <Link href={`/customers/${x.customerId}`} className="hover:underline">
                      {x.customerName ?? '—'}
                    </Link>
                  ) : (
                    '—'
                  )}
                  {x.invoiceNumber && <div className="font-mono text-xs text-slate-500">{x.invoiceNumber}</div>}
                </StackedCell>
                <StackedCell label={t('payments.method')}>
                  <div>{methodLabel(x.gateway, x.method)}</div>
                  <div className="text-xs text-slate-500">{GATEWAY_MODULES[x.gateway].label}</div>
                </StackedCell>
                <StackedCell label={t('payments.charged')} className="md:whitespace-nowrap">
                  {formatIDR(x.chargedAmount)}
                  {x.fee > 0 && (
                    <div className="text-xs text-slate-500">{`${t('payments.fee')} ${formatIDR(x.fee)}`}</div>
                  )}
                </StackedCell>
                <StackedCell label={t('common.status')}>
                  <TransactionStatusBadge status={x.status} />
                  {x.mode === 'sandbox' && (
                    <span className="ml-1 text-xs text-amber-700 dark:text-amber-400" data-testid="sandbox-mark">
                      {t('payments.modes.sandbox')}
                    </span>
                  )}
                </StackedCell>
                <StackedCell label={t('payments.createdAt')} className="text-xs md:whitespace-nowrap">
                  {formatDateTime(x.createdAt, locale, tz)}
                  {x.paidAt && (
                    <div className="text-slate-500">{`${t('payments.paidAt')} ${formatDateTime(x.paidAt, locale, tz)}`}</div>
                  )}
                </StackedCell>
              </tr>
            ))}
          </StackedTable>
        )}
        <Pager
          basePath="/payments"
          params={{ q: sp.q, status: sp.status, gateway: sp.gateway, cursor: sp.cursor }}
          nextCursor={page.nextCursor}
          labels={{ next: t('common.next'), first: t('common.first') }}
        />
      </section>
    </div>
  );
}
