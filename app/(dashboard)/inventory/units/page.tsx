import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';
import { Alert, EmptyState, PageHeader } from '@/components/ui/card';
import { FilterSelect } from '@/components/ui/filter-select';
import { SearchForm, searchParam } from '@/components/ui/search-form';
import { STACKED_ROW, StackedCell, StackedTable } from '@/components/ui/stacked-table';
import { Pager } from '@/components/ui/table';
import { STOCK_LOCATION_KINDS } from '@/db/enums';
import { requirePage } from '@/lib/auth/context';
import { formatDateTime } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { searchUnitsOp } from '@/lib/inventory/report-operations';
import { executeOperation } from '@/lib/server/operation';

/** Units & history (issue §5): find a unit by serial, MAC or customer, then open its history. */
export default async function UnitsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { info, ctx } = await requirePage('inventory.view');
  const sp = await searchParams;
  const t = await getTranslations('inventoryMoves');
  const tc = await getTranslations('common');
  const locale = toLocale(await getLocale());
  const tz = info.org!.timezone;
  const q = searchParam(sp.q);
  const kind = STOCK_LOCATION_KINDS.find((k) => k === sp.kind);
  const filter = { q, kind, itemId: sp.itemId, locationId: sp.locationId };
  const result = await executeOperation(searchUnitsOp, ctx, { ...filter, cursor: sp.cursor });
  const page = result.ok ? result.data : { items: [], nextCursor: null };
  const filtered = Boolean(q || kind || sp.itemId || sp.locationId || sp.cursor);
  const query = new URLSearchParams(
    Object.entries(filter).filter((e): e is [string, string] => Boolean(e[1])),
  ).toString();
  // A list opened from a stock row (one location, one item) says so, by name when a unit shows it.
  const first = page.items[0];
  const only = [
    sp.locationId && t('units.filteredLocation', { name: first?.locationName ?? t('units.oneLocation') }),
    sp.itemId && t('units.filteredItem', { name: first?.itemName ?? t('units.oneItem') }),
  ].filter(Boolean);
  const clearQuery = new URLSearchParams(
    Object.entries({ q, kind }).filter((e): e is [string, string] => Boolean(e[1])),
  );
  return (
    <div className="space-y-4">
      <PageHeader
        title={t('units.title')}
        actions={
          <div className="flex flex-wrap gap-2">
            <a
              href={`/api/inventory/units/export?${query}`}
              className={buttonClass('secondary')}
              data-testid="units-csv"
            >
              {t('units.csv')}
            </a>
            {page.items.length > 0 && (
              <Link
                href={`/inventory/labels?units=${page.items.map((u) => u.id).join(',')}`}
                className={buttonClass('secondary')}
              >
                {t('units.printLabels')}
              </Link>
            )}
          </div>
        }
      />
      <section>
        <SearchForm q={q} placeholder={t('units.search')} submitLabel={t('units.searchButton')}>
          <FilterSelect
            name="kind"
            label={t('units.kind')}
            value={kind}
            allText={t('units.allKinds')}
            options={STOCK_LOCATION_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
          />
          {sp.locationId && <input type="hidden" name="locationId" value={sp.locationId} />}
          {sp.itemId && <input type="hidden" name="itemId" value={sp.itemId} />}
        </SearchForm>
        {only.length > 0 && (
          <p className="mb-3 text-sm" data-testid="units-filtered">
            {only.join(' · ')} ·{' '}
            <Link
              href={`/inventory/units${clearQuery.size ? `?${clearQuery}` : ''}`}
              className="inline-flex min-h-11 items-center font-medium text-brand-700 underline dark:text-brand-500"
            >
              {t('units.clearFilter')}
            </Link>
          </p>
        )}
        {!result.ok && <Alert>{result.message}</Alert>}
        {page.items.length === 0 ? (
          <EmptyState
            title={filtered ? t('units.empty') : t('units.emptyNone')}
            action={
              <Link href="/inventory/purchase-orders" className={buttonClass('primary')}>
                {t('units.receive')}
              </Link>
            }
          />
        ) : (
          <StackedTable
            testId="units-table"
            head={[t('units.serial'), t('units.item'), t('units.mac'), t('units.location'), t('units.moved')]}
          >
            {page.items.map((u) => (
              <tr key={u.id} className={STACKED_ROW.page} data-testid="unit-row">
                <StackedCell className="col-span-2">
                  <Link
                    href={`/inventory/units/${u.id}`}
                    className="inline-flex min-h-11 items-center break-all font-mono font-medium text-brand-700 underline dark:text-brand-500"
                  >
                    {u.serial}
                  </Link>
                </StackedCell>
                <StackedCell label={t('units.item')}>{u.itemName}</StackedCell>
                <StackedCell label={t('units.mac')} className="break-all font-mono text-xs">
                  {u.mac ?? '—'}
                </StackedCell>
                <StackedCell label={t('units.location')}>
                  <div>{t(`kinds.${u.locationKind}`)}</div>
                  {u.customerId ? (
                    <Link href={`/customers/${u.customerId}`} className="text-brand-700 underline">
                      {u.customerName}
                    </Link>
                  ) : (
                    <div className="text-xs text-slate-500">{u.locationName}</div>
                  )}
                </StackedCell>
                <StackedCell label={t('units.moved')} className="text-xs">
                  {formatDateTime(u.movedAt, locale, tz)}
                </StackedCell>
              </tr>
            ))}
          </StackedTable>
        )}
        <Pager
          basePath="/inventory/units"
          params={{ ...filter, cursor: sp.cursor }}
          nextCursor={page.nextCursor}
          labels={{ next: tc('next'), first: tc('first') }}
        />
      </section>
    </div>
  );
}
