import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { BulkBar, ExportLinks } from '@/components/bulk/bulk-bar';
import { filterQuery, ROW_WITH_CHECK } from '@/components/bulk/rows';
import { BulkSelection, RowCheck } from '@/components/bulk/selection';
import { StatusBadge } from '@/components/status-badge';
import { buttonClass } from '@/components/ui/button';
import { Alert, EmptyState, PageHeader } from '@/components/ui/card';
import { FilterSelect } from '@/components/ui/filter-select';
import { SearchForm } from '@/components/ui/search-form';
import { STACKED_ROW, StackedCell, StackedTable } from '@/components/ui/stacked-table';
import { Pager } from '@/components/ui/table';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { formatCustomerNumber, SUBSCRIPTION_STATUSES } from '@/lib/customers/constants';
import { customerFilterOptionsOp, listCustomersOp } from '@/lib/customers/operations';
import { CUSTOMER_SORTS, type CustomerEvent } from '@/lib/customers/schemas';
import { formatMonth } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { executeOperation } from '@/lib/server/operation';

const FILTERS = ['q', 'status', 'planId', 'area', 'resellerUserId', 'event', 'from', 'to', 'sort'];

export default async function CustomersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { ctx, read } = await requirePage('customers.view');
  const sp = await searchParams;
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  // A search too short to run is shown above an empty list, not as an error page.
  const [result, options] = await Promise.all([
    executeOperation(listCustomersOp, ctx, sp),
    read(customerFilterOptionsOp, {}),
  ]);
  const page = result.ok ? result.data : { items: [], nextCursor: null };
  const all = t('common.all');
  // Customers are added as a registration (lead) that is verified and converted.
  const addCustomer = can(ctx.role, 'leads.create');
  const bulk = {
    remind: can(ctx.role, 'billing.run'),
    status: can(ctx.role, 'subscriptions.transition'),
    export: can(ctx.role, 'reports.view'),
  };
  const anyBulk = bulk.remind || bulk.status || bulk.export;
  return (
    <div>
      <PageHeader
        title={t('customers.title')}
        subtitle={t('customers.subtitle')}
        actions={
          <>
            {addCustomer && (
              <Link href="/leads/new" className={buttonClass('primary')} data-testid="add-customer">
                {t('customerList.add')}
              </Link>
            )}
            {can(ctx.role, 'customers.import') && (
              <Link href="/customers/import" className={buttonClass('secondary')}>
                {t('customers.import')}
              </Link>
            )}
            {bulk.export && <ExportLinks kind="customers" query={filterQuery(sp, FILTERS)} />}
          </>
        }
      />
      {result.ok && sp.event && sp.from && (
        <p className="mb-3 flex flex-wrap items-center gap-x-3 text-sm" data-testid="customers-event">
          <span>
            {t(`customerList.events.${sp.event as CustomerEvent}`, {
              months:
                !sp.to || sp.to === sp.from
                  ? formatMonth(`${sp.from}-01`, locale)
                  : `${formatMonth(`${sp.from}-01`, locale)} – ${formatMonth(`${sp.to}-01`, locale)}`,
            })}
          </span>
          <Link href="/customers" className="inline-flex min-h-11 items-center underline">
            {t('customerList.allCustomers')}
          </Link>
        </p>
      )}
      <SearchForm q={sp.q} placeholder={t('customers.searchPlaceholder')} submitLabel={t('common.filter')}>
        {sp.event && <input type="hidden" name="event" value={sp.event} />}
        {sp.from && <input type="hidden" name="from" value={sp.from} />}
        {sp.to && <input type="hidden" name="to" value={sp.to} />}
        <FilterSelect
          name="status"
          label={t('common.status')}
          value={sp.status}
          allLabel={all}
          options={SUBSCRIPTION_STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) }))}
        />
        <FilterSelect
          name="planId"
          label={t('customers.plan')}
          value={sp.planId}
          allLabel={all}
          options={options.plans.map((p) => ({ value: p.id, label: p.name }))}
        />
        {options.areas.length > 0 && (
          <FilterSelect
            name="area"
            label={t('customers.area')}
            value={sp.area}
            allLabel={all}
            options={options.areas.map((a) => ({ value: a, label: a }))}
          />
        )}
        {ctx.role !== 'reseller' && options.resellers.length > 0 && (
          <FilterSelect
            name="resellerUserId"
            label={t('customers.reseller')}
            value={sp.resellerUserId}
            allLabel={all}
            options={options.resellers.map((r) => ({ value: r.id, label: r.name }))}
          />
        )}
        <FilterSelect
          name="sort"
          label={t('customers.sort')}
          value={sp.sort ?? 'newest'}
          className="sm:max-w-36"
          options={CUSTOMER_SORTS.map((s) => ({
            value: s,
            label: `${t('customers.sort')}: ${t(`customers.sorts.${s}`)}`,
          }))}
        />
      </SearchForm>
      {!result.ok && <Alert>{result.message}</Alert>}
      {result.ok && page.items.length === 0 ? (
        <EmptyState
          title={t('customers.emptyTitle')}
          hint={t('customers.emptyHint')}
          action={
            <>
              {addCustomer && (
                <Link href="/leads/new" className={buttonClass('primary')}>
                  {t('customerList.add')}
                </Link>
              )}
              {can(ctx.role, 'customers.import') && (
                <Link href="/customers/import" className={buttonClass('secondary')}>
                  {t('customers.import')}
                </Link>
              )}
            </>
          }
        />
      ) : (
        page.items.length > 0 && (
          <BulkSelection pageIds={page.items.map((c) => c.id)}>
            {anyBulk && <BulkBar kind="customers" allowed={bulk} />}
            <StackedTable
              testId="customers-table"
              head={[
                ...(anyBulk
                  ? [
                      <span key="sel" className="sr-only">
                        {t('bulk.select')}
                      </span>,
                    ]
                  : []),
                t('customerList.customer'),
                t('customers.plan'),
                t('customers.area'),
                t('common.status'),
              ]}
            >
              {page.items.map((c) => (
                <tr key={c.id} data-testid="customer-row" className={anyBulk ? ROW_WITH_CHECK : STACKED_ROW.page}>
                  {anyBulk && (
                    <StackedCell className="row-span-3 md:w-12">
                      <RowCheck id={c.id} label={t('bulk.selectRow', { name: c.name })} />
                    </StackedCell>
                  )}
                  <StackedCell className="col-span-2">
                    <Link
                      href={`/customers/${c.id}`}
                      className="inline-flex min-h-11 items-center font-medium text-brand-700 underline md:min-h-0 dark:text-brand-500"
                    >
                      {c.name}
                    </Link>
                    <div className="text-xs text-slate-500">
                      <span className="font-mono">{formatCustomerNumber(c.number)}</span> · {c.phone}
                    </div>
                  </StackedCell>
                  <StackedCell label={t('customers.plan')}>{c.planName ?? '—'}</StackedCell>
                  {/* On a phone the area goes last (grid order), so plan and status share the second line. */}
                  <StackedCell label={t('customers.area')} className="order-last col-span-2 md:order-none">
                    {c.area ?? '—'}
                  </StackedCell>
                  <StackedCell label={t('common.status')}>
                    <StatusBadge status={c.status} />
                  </StackedCell>
                </tr>
              ))}
            </StackedTable>
          </BulkSelection>
        )
      )}
      <Pager
        basePath="/customers"
        params={{
          q: sp.q,
          status: sp.status,
          planId: sp.planId,
          area: sp.area,
          resellerUserId: sp.resellerUserId,
          event: sp.event,
          from: sp.from,
          to: sp.to,
          sort: sp.sort,
          cursor: sp.cursor,
        }}
        nextCursor={page.nextCursor}
        labels={{ next: t('common.next'), first: t('common.first') }}
      />
    </div>
  );
}
