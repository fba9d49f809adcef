import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';
import { Alert, Card, EmptyState, PageHeader } from '@/components/ui/card';
import { FilterSelect } from '@/components/ui/filter-select';
import { SearchForm } from '@/components/ui/search-form';
import { STACKED_ROW, StackedCell, StackedTable } from '@/components/ui/stacked-table';
import { PagePager } from '@/components/ui/table';
import { STOCK_COUNT_STATUSES } from '@/db/enums';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { formatDateTime } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { countLocationsOp, listCountsOp, lowStockOp } from '@/lib/inventory/count-operations';
import { executeOperation } from '@/lib/server/operation';
import { CountStatusBadge } from './_components/count-status-badge';
import { StartCountForm } from './_components/start-count-form';

/** Stock opname: start a count for a location, the counts so far (those waiting for approval first to the eye). */
export default async function CountsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { info, ctx, read } = await requirePage('inventory.view');
  const sp = await searchParams;
  const t = await getTranslations('inventoryCounts');
  const tc = await getTranslations('common');
  const locale = toLocale(await getLocale());
  const tz = info.org!.timezone;
  const canCount = can(ctx.role, 'inventory.count');
  const locations = canCount ? await read(countLocationsOp, {}) : [];
  const lowStock = await read(lowStockOp, {});
  const result = await executeOperation(listCountsOp, ctx, {
    status: sp.status || undefined,
    q: sp.q,
    page: sp.page,
  });
  const list = result.ok ? result.data : { items: [], total: 0, page: 1, pageSize: 25 };
  const filtered = Boolean(sp.q || sp.status || (sp.page && sp.page !== '1'));
  const free = locations.filter((l) => !l.openCountId);
  return (
    <div className="space-y-4">
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      {lowStock.length > 0 && (
        <Alert kind="warning">
          <Link
            href="/inventory/low-stock"
            className="inline-flex min-h-11 items-center underline"
            data-testid="low-stock-link"
          >
            {t('lowStock.banner', { count: lowStock.length })}
          </Link>
        </Alert>
      )}
      {canCount && (
        <Card>
          <h2 className="mb-3 font-semibold">{t('start.title')}</h2>
          {locations.length === 0 ? (
            <EmptyState
              title={t('start.noLocations')}
              hint={t('start.noLocationsHint')}
              action={
                <Link href="/inventory/locations" className={buttonClass('secondary')}>
                  {t('start.toLocations')}
                </Link>
              }
            />
          ) : free.length === 0 ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">{t('start.allOpen')}</p>
          ) : (
            <StartCountForm
              locations={free.map((l) => ({ id: l.id, label: `${l.name} · ${t(`kinds.${l.kind}`)} (${l.code})` }))}
            />
          )}
        </Card>
      )}
      <section>
        <SearchForm q={sp.q} placeholder={t('list.searchPlaceholder')} submitLabel={tc('filter')}>
          <FilterSelect
            name="status"
            label={tc('status')}
            value={sp.status}
            allLabel={tc('all')}
            className="sm:max-w-48"
            options={STOCK_COUNT_STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) }))}
          />
        </SearchForm>
        {!result.ok && <Alert>{result.message}</Alert>}
        {list.items.length === 0 ? (
          filtered ? (
            <EmptyState title={t('list.noMatch')} />
          ) : (
            <EmptyState title={t('list.empty')} hint={canCount ? t('list.emptyHint') : undefined} />
          )
        ) : (
          <StackedTable
            testId="counts-table"
            head={[t('list.location'), tc('status'), t('list.started'), t('list.entries')]}
          >
            {list.items.map((c) => (
              <tr key={c.id} data-testid="count-row" className={STACKED_ROW.page}>
                <StackedCell className="col-span-2">
                  <Link
                    href={`/inventory/counts/${c.id}`}
                    className="inline-flex min-h-11 items-center break-words font-medium text-brand-700 underline dark:text-brand-500"
                  >
                    {c.locationName}
                  </Link>
                  <div className="text-xs text-slate-500">
                    {t(`kinds.${c.locationKind}`)} · {c.locationCode}
                  </div>
                </StackedCell>
                <StackedCell label={tc('status')}>
                  <CountStatusBadge status={c.status} />
                </StackedCell>
                <StackedCell label={t('list.started')} className="text-xs md:whitespace-nowrap">
                  {formatDateTime(c.startedAt, locale, tz)}
                  {c.startedByName && <div className="text-slate-500">{c.startedByName}</div>}
                </StackedCell>
                <StackedCell label={t('list.entries')}>{c.entries}</StackedCell>
              </tr>
            ))}
          </StackedTable>
        )}
        <PagePager
          basePath="/inventory/counts"
          params={{ q: sp.q, status: sp.status }}
          page={list.page}
          pageSize={list.pageSize}
          total={list.total}
          labels={{
            previous: tc('previous'),
            next: tc('next'),
            pageOf: t('list.pageOf', { page: list.page, pages: Math.max(1, Math.ceil(list.total / list.pageSize)) }),
          }}
        />
      </section>
    </div>
  );
}
