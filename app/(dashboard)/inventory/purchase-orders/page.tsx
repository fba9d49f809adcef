import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { LINK, PoStatusBadge } from '@/components/inventory/catalogue-bits';
import { buttonClass } from '@/components/ui/button';
import { Alert, EmptyState, PageHeader } from '@/components/ui/card';
import { FilterSelect } from '@/components/ui/filter-select';
import { SearchForm } from '@/components/ui/search-form';
import { STACKED_ROW, StackedCell, StackedTable } from '@/components/ui/stacked-table';
import { Pager } from '@/components/ui/table';
import { PURCHASE_ORDER_STATUSES } from '@/db/enums';
import { requirePage } from '@/lib/auth/context';
import { formatDate, formatIDR } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { listPurchaseOrdersOp } from '@/lib/inventory/purchase-operations';
import { poNumber } from '@/lib/inventory/purchase-orders';
import { executeOperation } from '@/lib/server/operation';

export default async function PurchaseOrdersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { ctx } = await requirePage('inventory.manage');
  const sp = await searchParams;
  const t = await getTranslations('inventoryCatalogue');
  const tc = await getTranslations('common');
  const locale = toLocale(await getLocale());
  const result = await executeOperation(listPurchaseOrdersOp, ctx, {
    status: sp.status ?? '',
    q: sp.q,
    cursor: sp.cursor,
  });
  const page = result.ok ? result.data : { items: [], nextCursor: null };
  const filtered = Boolean(sp.q || sp.status || sp.cursor);
  return (
    <div className="space-y-4">
      <PageHeader
        title={t('po.title')}
        subtitle={t('po.subtitle')}
        actions={
          <Link className={buttonClass()} href="/inventory/purchase-orders/new" data-testid="po-new">
            {t('po.new')}
          </Link>
        }
      />
      <SearchForm q={sp.q} placeholder={t('po.searchPlaceholder')} submitLabel={tc('filter')}>
        <FilterSelect
          name="status"
          label={tc('status')}
          value={sp.status}
          allLabel={tc('all')}
          options={PURCHASE_ORDER_STATUSES.map((s) => ({ value: s, label: t(`poStatuses.${s}`) }))}
        />
      </SearchForm>
      {!result.ok && <Alert>{result.message}</Alert>}
      {page.items.length === 0 ? (
        filtered ? (
          <EmptyState title={t('po.noMatch')} />
        ) : (
          <EmptyState title={t('po.emptyTitle')} hint={t('po.emptyHint')} />
        )
      ) : (
        <StackedTable
          testId="po-table"
          head={[
            t('fields.number'),
            t('fields.supplier'),
            tc('status'),
            t('fields.received'),
            t('fields.total'),
            t('fields.expectedOn'),
          ]}
        >
          {page.items.map((o) => (
            <tr key={o.id} className={STACKED_ROW.page} data-testid="po-row">
              <StackedCell className="col-span-2 md:col-span-1">
                <Link href={`/inventory/purchase-orders/${o.id}`} className={`${LINK} font-mono`}>
                  {poNumber(o.number)}
                </Link>
              </StackedCell>
              <StackedCell label={t('fields.supplier')}>{o.supplier}</StackedCell>
              <StackedCell label={tc('status')}>
                <PoStatusBadge status={o.status} label={t(`poStatuses.${o.status}`)} />
              </StackedCell>
              <StackedCell label={t('fields.received')}>
                {t('po.progress', { received: o.received, ordered: o.ordered })}
              </StackedCell>
              <StackedCell label={t('fields.total')}>{formatIDR(o.total)}</StackedCell>
              <StackedCell label={t('fields.expectedOn')}>
                {o.expectedOn ? formatDate(o.expectedOn, locale) : '—'}
              </StackedCell>
            </tr>
          ))}
        </StackedTable>
      )}
      <Pager
        basePath="/inventory/purchase-orders"
        params={{ q: sp.q, status: sp.status, cursor: sp.cursor }}
        nextCursor={page.nextCursor}
        labels={{ next: tc('next'), first: tc('first') }}
      />
    </div>
  );
}
