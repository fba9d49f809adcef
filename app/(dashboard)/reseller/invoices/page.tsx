import { getLocale, getTranslations } from 'next-intl/server';
import { Alert, Badge, EmptyState, PageHeader } from '@/components/ui/card';
import { FilterSelect } from '@/components/ui/filter-select';
import { SearchForm } from '@/components/ui/search-form';
import { STACKED_ROW, StackedCell, StackedTable } from '@/components/ui/stacked-table';
import { Pager } from '@/components/ui/table';
import { INVOICE_STATUSES } from '@/db/schema';
import { requirePage } from '@/lib/auth/context';
import { invoiceLinkToken } from '@/lib/billing/links';
import { formatCustomerNumber } from '@/lib/customers/constants';
import { formatDate, formatIDR } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { portalInvoicesOp } from '@/lib/resellers/operations';
import { executeOperation } from '@/lib/server/operation';
import { PortalTabs } from '../_components/portal-tabs';

const COLOR = { unpaid: 'amber', partial: 'blue', paid: 'green', carried: 'slate', void: 'slate' } as const;

export default async function ResellerInvoicesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { ctx } = await requirePage('resellers.portal');
  const sp = await searchParams;
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const result = await executeOperation(portalInvoicesOp, ctx, sp);
  const page = result.ok ? result.data : { items: [], nextCursor: null };
  return (
    <div>
      <PageHeader title={t('resellers.portal.invoicesTitle')} subtitle={t('resellers.portal.invoicesSubtitle')} />
      <PortalTabs current="invoices" />
      <SearchForm q={sp.q} placeholder={t('resellers.portal.invoiceSearch')} submitLabel={t('common.filter')}>
        <FilterSelect
          name="status"
          label={t('common.status')}
          value={sp.status}
          allLabel={t('common.all')}
          options={INVOICE_STATUSES.map((s) => ({ value: s, label: t(`invoiceStatuses.${s}`) }))}
        />
      </SearchForm>
      {!result.ok && <Alert>{result.message}</Alert>}
      {result.ok && page.items.length === 0 ? (
        <EmptyState title={t('resellers.portal.noInvoices')} />
      ) : (
        page.items.length > 0 && (
          <StackedTable
            testId="reseller-invoices"
            head={[
              t('resellers.portal.invoice'),
              t('resellers.portal.customer'),
              t('resellers.portal.dueDate'),
              t('resellers.portal.total'),
              t('common.status'),
              '',
            ]}
          >
            {page.items.map((i) => (
              <tr key={i.id} className={STACKED_ROW.page} data-testid="reseller-invoice-row">
                <StackedCell label={t('resellers.portal.invoice')}>
                  <span className="break-all font-mono text-xs">{i.number}</span>
                </StackedCell>
                <StackedCell label={t('resellers.portal.customer')}>
                  {i.customerName}
                  <div className="font-mono text-xs text-slate-500">{formatCustomerNumber(i.customerNumber)}</div>
                </StackedCell>
                <StackedCell label={t('resellers.portal.dueDate')} className="whitespace-nowrap">
                  {formatDate(i.dueDate, locale)}
                </StackedCell>
                <StackedCell label={t('resellers.portal.total')} className="whitespace-nowrap tabular-nums">
                  {formatIDR(i.total)}
                  {i.paidAmount > 0 && i.paidAmount < i.total && (
                    <div className="text-xs text-slate-500">
                      {t('resellers.portal.paidSoFar', { amount: formatIDR(i.paidAmount) })}
                    </div>
                  )}
                </StackedCell>
                <StackedCell label={t('common.status')}>
                  <Badge color={COLOR[i.status]}>{t(`invoiceStatuses.${i.status}`)}</Badge>
                </StackedCell>
                <StackedCell>
                  {/* The customer's own signed invoice page: something a reseller can forward. */}
                  <a
                    href={`/i/${invoiceLinkToken(i.id)}`}
                    target="_blank"
                    rel="noreferrer"
                    className="inline-flex min-h-11 items-center whitespace-nowrap text-brand-700 underline md:min-h-0 dark:text-brand-500"
                  >
                    {t('resellers.portal.openInvoice')}
                  </a>
                </StackedCell>
              </tr>
            ))}
          </StackedTable>
        )
      )}
      <Pager
        basePath="/reseller/invoices"
        params={{ q: sp.q, status: sp.status, cursor: sp.cursor }}
        nextCursor={page.nextCursor}
        labels={{ next: t('common.next'), first: t('common.first') }}
      />
    </div>
  );
}
