import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { LINK } from '@/components/inventory/catalogue-bits';
import { buttonClass } from '@/components/ui/button';
import { Alert, Badge, Card, EmptyState, PageHeader } from '@/components/ui/card';
import { FilterSelect } from '@/components/ui/filter-select';
import { SearchForm } from '@/components/ui/search-form';
import { STACKED_ROW, StackedCell, StackedTable } from '@/components/ui/stacked-table';
import { Pager } from '@/components/ui/table';
import { INVENTORY_CATEGORIES, INVENTORY_TRACKING } from '@/db/enums';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { formatIDR, intlLocale } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { listItemsOp } from '@/lib/inventory/catalogue-operations';
import { executeOperation } from '@/lib/server/operation';
import { ItemForm } from './_components/item-form';

/** A filter select full width on a phone (two side by side cut their labels at 390 px). */
const FULL_WIDTH = 'col-span-2! sm:max-w-44';

/** The catalogue: what the ISP stocks, with what is on hand and what is below its minimum. */
export default async function ItemsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { ctx } = await requirePage('inventory.view');
  const sp = await searchParams;
  const t = await getTranslations('inventoryCatalogue');
  const tc = await getTranslations('common');
  // Quantities as the stock pages show them: "1.000 m", not "1000 meter".
  const tu = await getTranslations('inventoryReports.units');
  const nf = intlLocale(toLocale(await getLocale()));
  const filter = { q: sp.q, category: sp.category ?? '', tracking: sp.tracking ?? '', active: sp.active ?? '' };
  const result = await executeOperation(listItemsOp, ctx, { ...filter, cursor: sp.cursor });
  const page = result.ok ? result.data : { items: [], nextCursor: null };
  const filtered = Boolean(sp.q || sp.category || sp.tracking || sp.active || sp.cursor);
  const manage = can(ctx.role, 'inventory.manage');
  const exportQuery = new URLSearchParams(Object.entries(filter).filter(([, v]) => v) as [string, string][]).toString();
  return (
    <div className="space-y-4">
      <PageHeader
        title={t('items.title')}
        subtitle={t('items.subtitle')}
        actions={
          <div className="flex flex-wrap gap-2">
            <a
              className={buttonClass('secondary')}
              href={`/api/inventory/items/export?${exportQuery}`}
              data-testid="items-csv"
            >
              {t('items.exportCsv')}
            </a>
            <Link className={buttonClass('secondary')} href="/inventory/labels">
              {t('items.printLabels')}
            </Link>
            {manage && (
              <Link className={buttonClass('secondary')} href="/inventory/import">
                {t('items.import')}
              </Link>
            )}
          </div>
        }
      />
      {manage && (
        <Card>
          <details open={!filtered && page.items.length === 0}>
            <summary className="flex min-h-11 cursor-pointer items-center font-semibold">{t('items.new')}</summary>
            <div className="pt-3">
              <ItemForm />
            </div>
          </details>
        </Card>
      )}
      <section>
        <SearchForm q={sp.q} placeholder={t('items.searchPlaceholder')} submitLabel={tc('filter')}>
          <FilterSelect
            name="category"
            className={FULL_WIDTH}
            label={t('fields.category')}
            value={sp.category}
            allLabel={tc('all')}
            options={INVENTORY_CATEGORIES.map((c) => ({ value: c, label: t(`categories.${c}`) }))}
          />
          <FilterSelect
            name="tracking"
            className={FULL_WIDTH}
            label={t('fields.tracking')}
            value={sp.tracking}
            allLabel={tc('all')}
            options={INVENTORY_TRACKING.map((v) => ({ value: v, label: t(`tracking.${v}`) }))}
          />
          <FilterSelect
            name="active"
            className={FULL_WIDTH}
            label={t('fields.status')}
            value={sp.active}
            allLabel={tc('all')}
            options={[
              { value: 'active', label: t('active') },
              { value: 'inactive', label: t('inactive') },
            ]}
          />
        </SearchForm>
        {!result.ok && <Alert>{result.message}</Alert>}
        {page.items.length === 0 ? (
          filtered ? (
            <EmptyState title={t('items.noMatch')} />
          ) : (
            <EmptyState title={t('items.emptyTitle')} hint={t('items.emptyHint')} />
          )
        ) : (
          <StackedTable
            testId="items-table"
            head={[
              t('fields.name'),
              t('fields.category'),
              t('fields.onHand'),
              t('fields.averageCost'),
              t('fields.status'),
            ]}
          >
            {page.items.map((i) => (
              <tr key={i.id} data-testid="item-row" className={STACKED_ROW.page}>
                <StackedCell className="col-span-2">
                  <Link href={`/inventory/items/${i.id}`} className={LINK}>
                    {i.name}
                  </Link>
                  <div className="font-mono text-xs text-slate-500">{i.sku}</div>
                </StackedCell>
                <StackedCell label={t('fields.category')}>
                  {t(`categories.${i.category}`)}
                  <div className="text-xs text-slate-500">{t(`tracking.${i.tracking}`)}</div>
                </StackedCell>
                <StackedCell label={t('fields.onHand')}>
                  <span data-testid="item-on-hand">{`${i.onHand.toLocaleString(nf)} ${tu(i.unit)}`}</span>
                  {i.onHand < i.minStock && (
                    <div>
                      <Badge color="amber">{t('items.belowMinimum')}</Badge>
                    </div>
                  )}
                </StackedCell>
                <StackedCell label={t('fields.averageCost')}>{formatIDR(i.averageCost)}</StackedCell>
                <StackedCell label={t('fields.status')}>
                  <Badge color={i.active ? 'green' : 'slate'}>{i.active ? t('active') : t('inactive')}</Badge>
                </StackedCell>
              </tr>
            ))}
          </StackedTable>
        )}
        <Pager
          basePath="/inventory/items"
          params={{ ...filter, cursor: sp.cursor }}
          nextCursor={page.nextCursor}
          labels={{ next: tc('next'), first: tc('first') }}
        />
      </section>
    </div>
  );
}
