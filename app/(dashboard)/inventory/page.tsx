import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { Alert, Card, EmptyState, PageHeader } from '@/components/ui/card';
import { FilterSelect } from '@/components/ui/filter-select';
import { SearchForm } from '@/components/ui/search-form';
import { STACKED_ROW, StackedCell, StackedTable } from '@/components/ui/stacked-table';
import { INVENTORY_CATEGORIES, STOCK_LOCATION_KINDS } from '@/db/enums';
import { requirePage } from '@/lib/auth/context';
import { formatIDR, intlLocale } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { lowStockOp } from '@/lib/inventory/count-operations';
import { stockOp } from '@/lib/inventory/report-operations';
import { type Ctx, executeOperation } from '@/lib/server/operation';
import { DownloadLinks, PageLinks, TabLinks } from './_components/report-links';

const LINK = 'inline-flex min-h-11 items-center break-words font-medium text-brand-700 underline dark:text-brand-500';
/** A filter select full width on a phone (two side by side cut their labels at 390 px). */
const FULL_WIDTH = 'col-span-2! sm:max-w-44';

/** Stock on hand per location or per item with its value; the items below their minimum. */
export default async function StockPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { read, ctx } = await requirePage('inventory.view');
  const sp = await searchParams;
  const t = await getTranslations('inventoryReports');
  const view = sp.view === 'item' || sp.view === 'low' ? sp.view : 'location';
  const tabs = [
    { key: 'location', label: t('byLocation'), href: '/inventory' },
    { key: 'item', label: t('byItem'), href: '/inventory?view=item' },
    { key: 'low', label: t('lowStock'), href: '/inventory?view=low' },
  ];
  return (
    <div className="space-y-4">
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <TabLinks tabs={tabs} current={view} />
      {view === 'low' ? <LowStock read={read} /> : <StockList ctx={ctx} sp={sp} view={view} />}
    </div>
  );
}

type Read = Awaited<ReturnType<typeof requirePage>>['read'];

async function StockList({ ctx, sp, view }: { ctx: Ctx; sp: Record<string, string | undefined>; view: string }) {
  const t = await getTranslations('inventoryReports');
  const nf = intlLocale(toLocale(await getLocale()));
  const tc = await getTranslations('common');
  const filter = {
    by: view === 'item' ? 'item' : 'location',
    q: sp.q ?? '',
    kind: sp.kind ?? '',
    category: sp.category ?? '',
    locationId: sp.locationId ?? '',
    itemId: sp.itemId ?? '',
  } as const;
  const result = await executeOperation(stockOp, ctx, { ...filter, page: sp.page ?? '' });
  const data = result.ok
    ? result.data
    : { items: [], page: 1, hasMore: false, totals: { quantity: 0, value: 0, rows: 0 } };
  const params = { view: view === 'item' ? 'item' : undefined, ...filter, by: undefined };
  const filtered = Boolean(sp.q || sp.kind || sp.category || sp.locationId || sp.itemId);
  return (
    <section className="space-y-3">
      <SearchForm q={sp.q} placeholder={t('searchPlaceholder')} submitLabel={tc('filter')}>
        {view === 'item' && <input type="hidden" name="view" value="item" />}
        {sp.locationId && <input type="hidden" name="locationId" value={sp.locationId} />}
        {sp.itemId && <input type="hidden" name="itemId" value={sp.itemId} />}
        <FilterSelect
          name="kind"
          className={FULL_WIDTH}
          label={t('kind')}
          value={sp.kind}
          allLabel={t('onHandKinds')}
          options={STOCK_LOCATION_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
        />
        <FilterSelect
          name="category"
          className={FULL_WIDTH}
          label={t('category')}
          value={sp.category}
          allLabel={tc('all')}
          options={INVENTORY_CATEGORIES.map((c) => ({ value: c, label: t(`categories.${c}`) }))}
        />
      </SearchForm>
      {(sp.locationId || sp.itemId) && (
        <p className="text-sm">
          {sp.locationId ? t('filteredLocation') : t('filteredItem')} ·{' '}
          <Link href={view === 'item' ? '/inventory?view=item' : '/inventory'} className={LINK}>
            {t('clearFilters')}
          </Link>
        </p>
      )}
      {!result.ok && <Alert>{result.message}</Alert>}
      <div className="grid grid-cols-2 gap-3">
        <Card>
          <p className="text-sm text-slate-600 dark:text-slate-400">{t('totalValue')}</p>
          <p className="text-xl font-semibold" data-testid="stock-total-value">
            {formatIDR(data.totals.value)}
          </p>
        </Card>
        <Card>
          <p className="text-sm text-slate-600 dark:text-slate-400">{t('totalQuantity')}</p>
          <p className="text-xl font-semibold">{data.totals.quantity.toLocaleString(nf)}</p>
          <p className="text-xs text-slate-500">{t('rowsCount', { count: data.totals.rows })}</p>
        </Card>
      </div>
      {data.items.length === 0 ? (
        filtered ? (
          <EmptyState title={t('noMatch')} />
        ) : (
          <EmptyState
            title={t('emptyTitle')}
            hint={t('emptyHint')}
            action={
              <div className="flex flex-wrap justify-center gap-3">
                <Link href="/inventory/purchase-orders" className={LINK}>
                  {t('toPurchaseOrders')}
                </Link>
                <Link href="/inventory/import" className={LINK}>
                  {t('toImport')}
                </Link>
              </div>
            }
          />
        )
      ) : (
        <StackedTable
          testId="stock-table"
          head={[
            ...(view === 'item' ? [] : [t('col.location')]),
            t('col.item'),
            t('col.quantity'),
            t('col.averageCost'),
            t('col.value'),
          ]}
        >
          {data.items.map((r) => (
            <tr key={`${r.locationId}-${r.itemId}`} data-testid="stock-row" className={STACKED_ROW.page}>
              {view !== 'item' && (
                <StackedCell className="col-span-2">
                  <Link href={`/inventory?locationId=${r.locationId}`} className={LINK}>
                    {r.locationName}
                  </Link>
                  <div className="text-xs text-slate-500">
                    {r.locationKind ? t(`kinds.${r.locationKind}`) : ''} · {r.locationCode}
                  </div>
                </StackedCell>
              )}
              <StackedCell label={t('col.item')} className={view === 'item' ? 'col-span-2' : ''}>
                <Link
                  href={`/inventory?view=item&itemId=${r.itemId}`}
                  className="inline-flex min-h-11 items-center break-words underline"
                >
                  {r.itemName}
                </Link>
                <div className="text-xs text-slate-500">
                  {r.itemSku} · {t(`categories.${r.category}`)}
                </div>
              </StackedCell>
              <StackedCell label={t('col.quantity')}>
                <span data-testid="stock-quantity">
                  {r.quantity.toLocaleString(nf)} {t(`units.${r.unit}`)}
                </span>
                {r.locationId && r.tracking === 'serial' && (
                  <div>
                    <Link
                      href={`/inventory/units?locationId=${r.locationId}&itemId=${r.itemId}`}
                      className="inline-flex min-h-11 items-center text-xs underline"
                    >
                      {t('unitsLink')}
                    </Link>
                  </div>
                )}
              </StackedCell>
              <StackedCell label={t('col.averageCost')}>{formatIDR(r.averageCost)}</StackedCell>
              <StackedCell label={t('col.value')} className="font-medium">
                {formatIDR(r.value)}
              </StackedCell>
            </tr>
          ))}
        </StackedTable>
      )}
      <PageLinks
        basePath="/inventory"
        params={params}
        page={data.page}
        hasMore={data.hasMore}
        labels={{ previous: t('previous'), next: t('next') }}
      />
      <DownloadLinks report="stock" params={filter} labels={{ csv: t('downloadCsv'), xlsx: t('downloadXlsx') }} />
    </section>
  );
}

async function LowStock({ read }: { read: Read }) {
  const t = await getTranslations('inventoryReports');
  const nf = intlLocale(toLocale(await getLocale()));
  const rows = await read(lowStockOp, {});
  if (rows.length === 0) return <EmptyState title={t('lowEmpty')} />;
  return (
    <section className="space-y-3">
      <p className="text-sm text-slate-600 dark:text-slate-400">{t('lowHint')}</p>
      <StackedTable testId="low-stock-table" head={[t('col.item'), t('onHand'), t('minStock')]}>
        {rows.map((r) => (
          <tr key={r.id} data-testid="low-stock-row" className={STACKED_ROW.page}>
            <StackedCell className="col-span-2">
              <Link href={`/inventory?view=item&itemId=${r.id}`} className={LINK}>
                {r.name}
              </Link>
              <div className="text-xs text-slate-500">{r.sku}</div>
            </StackedCell>
            <StackedCell label={t('onHand')} className="font-medium text-amber-700 dark:text-amber-400">
              {r.onHand.toLocaleString(nf)} {t(`units.${r.unit}`)}
            </StackedCell>
            <StackedCell label={t('minStock')}>
              {r.minStock.toLocaleString(nf)} {t(`units.${r.unit}`)}
            </StackedCell>
          </tr>
        ))}
      </StackedTable>
      <Link href="/inventory/purchase-orders" className={LINK}>
        {t('toPurchaseOrders')}
      </Link>
    </section>
  );
}
