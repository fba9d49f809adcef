import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';
import { Badge, EmptyState, PageHeader } from '@/components/ui/card';
import { DateField } from '@/components/ui/date-field';
import { FilterSelect } from '@/components/ui/filter-select';
import { SearchForm, searchParam } from '@/components/ui/search-form';
import { STACKED_ROW, StackedCell, StackedTable } from '@/components/ui/stacked-table';
import { Pager } from '@/components/ui/table';
import { WORK_ORDER_STATUSES, WORK_ORDER_TYPES } from '@/db/enums';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { formatDate, isDay } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { listTechniciansOp, listWorkOrdersOp } from '@/lib/workorders/operations';
import { STATUS_COLOR } from './_components/labels';

const pick = <T extends string>(list: readonly T[], v: string | undefined) =>
  list.includes(v as T) ? (v as T) : undefined;

/** SPK: the office's list of work orders, as cards on a phone; filters live in the URL. */
export default async function WorkOrdersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { ctx, read } = await requirePage('workorders.view');
  const sp = await searchParams;
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const technicians = await read(listTechniciansOp, {});
  const filters = {
    q: searchParam(sp.q),
    status: pick(WORK_ORDER_STATUSES, sp.status),
    type: pick(WORK_ORDER_TYPES, sp.type),
    technicianId: technicians.some((x) => x.id === sp.technicianId) ? sp.technicianId : undefined,
    from: isDay(sp.from) ? sp.from : undefined,
    to: isDay(sp.to) ? sp.to : undefined,
  };
  const page = await read(listWorkOrdersOp, { ...filters, cursor: sp.cursor });
  const filtered = Object.values(filters).some(Boolean);
  const manage = can(ctx.role, 'workorders.manage');
  const newButton = manage && (
    <Link href="/work-orders/new" className={buttonClass('primary')} data-testid="new-work-order">
      {t('workOrders.new')}
    </Link>
  );
  return (
    <div>
      <PageHeader title={t('workOrders.title')} subtitle={t('workOrders.subtitle')} actions={newButton} />
      <SearchForm q={sp.q} placeholder={t('workOrders.searchPlaceholder')} submitLabel={t('workOrders.apply')}>
        <FilterSelect
          name="status"
          label={t('workOrders.filterStatus')}
          value={filters.status}
          allLabel={t('workOrders.any')}
          options={WORK_ORDER_STATUSES.map((s) => ({ value: s, label: t(`workOrders.statuses.${s}`) }))}
          testId="filter-status"
        />
        <FilterSelect
          name="type"
          label={t('workOrders.filterType')}
          value={filters.type}
          allLabel={t('workOrders.any')}
          options={WORK_ORDER_TYPES.map((s) => ({ value: s, label: t(`workOrders.types.${s}`) }))}
          testId="filter-type"
        />
        <FilterSelect
          name="technicianId"
          label={t('workOrders.filterTechnician')}
          value={filters.technicianId}
          allLabel={t('workOrders.any')}
          options={technicians.map((x) => ({ value: x.id, label: x.name }))}
          testId="filter-technician"
        />
        <DateField label={t('workOrders.filterFrom')} name="from" defaultValue={filters.from} />
        <DateField label={t('workOrders.filterTo')} name="to" defaultValue={filters.to} />
      </SearchForm>
      {page.items.length === 0 ? (
        filtered ? (
          <EmptyState
            title={t('workOrders.emptyFiltered')}
            action={
              <Link href="/work-orders" className={buttonClass('secondary')}>
                {t('workOrders.clearFilters')}
              </Link>
            }
          />
        ) : (
          <EmptyState title={t('workOrders.emptyTitle')} hint={t('workOrders.emptyHint')} action={newButton} />
        )
      ) : (
        <StackedTable
          testId="work-orders-table"
          head={[
            t('workOrders.number'),
            t('workOrders.customer'),
            t('workOrders.visit'),
            t('workOrders.technicians'),
            t('common.status'),
          ]}
        >
          {page.items.map((w) => (
            <tr key={w.id} data-testid="work-order-row" className={STACKED_ROW.page}>
              <StackedCell className="col-span-2 md:col-span-1">
                <Link
                  href={`/work-orders/${w.id}`}
                  className="inline-flex min-h-11 items-center font-medium text-brand-700 underline md:min-h-0 dark:text-brand-500"
                >
                  {w.numberText}
                </Link>
                <div className="text-xs text-slate-500">{t(`workOrders.types.${w.type}`)}</div>
              </StackedCell>
              <StackedCell label={t('workOrders.customer')} className="col-span-2 min-w-0 md:col-span-1">
                <div className="break-words">{w.customerName ?? '—'}</div>
                <div className="break-words text-xs text-slate-500">{w.address}</div>
              </StackedCell>
              <StackedCell label={t('workOrders.visit')}>
                {w.scheduledDate ? (
                  <>
                    <div>{formatDate(w.scheduledDate, locale)}</div>
                    <div className="text-xs text-slate-500">
                      {w.windowStart}–{w.windowEnd}
                    </div>
                  </>
                ) : (
                  <span className="text-slate-500">{t('workOrders.notScheduled')}</span>
                )}
              </StackedCell>
              <StackedCell label={t('workOrders.technicians')}>
                {w.technicians.length ? (
                  w.technicians.join(', ')
                ) : (
                  <span className="text-slate-500">{t('workOrders.noTechnician')}</span>
                )}
              </StackedCell>
              <StackedCell label={t('common.status')}>
                <Badge color={STATUS_COLOR[w.status]}>{t(`workOrders.statuses.${w.status}`)}</Badge>
              </StackedCell>
            </tr>
          ))}
        </StackedTable>
      )}
      <Pager
        basePath="/work-orders"
        params={{ ...filters, cursor: sp.cursor }}
        nextCursor={page.nextCursor}
        labels={{ next: t('common.next'), first: t('common.first') }}
      />
    </div>
  );
}
