import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { LINK, OffsetPager } from '@/components/inventory/catalogue-bits';
import { Badge, Card, EmptyState, PageHeader } from '@/components/ui/card';
import { FilterSelect } from '@/components/ui/filter-select';
import { SearchForm } from '@/components/ui/search-form';
import { STACKED_ROW, StackedCell, StackedTable } from '@/components/ui/stacked-table';
import { STOCK_LOCATION_KINDS } from '@/db/enums';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { listLocationsOp } from '@/lib/inventory/catalogue-operations';
import { purchaseChoicesOp } from '@/lib/inventory/purchase-operations';
import { LocationForm } from './location-form';

/** Where stock is: warehouses with their shelves, technicians' bags, customers, faulty/RMA, written off. */
export default async function LocationsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { ctx, read } = await requirePage('inventory.view');
  const sp = await searchParams;
  const t = await getTranslations('inventoryCatalogue');
  const tc = await getTranslations('common');
  const data = await read(listLocationsOp, {
    q: sp.q,
    kind: (sp.kind ?? '') as 'warehouse',
    active: (sp.active ?? '') as 'active',
    page: sp.page,
  });
  const manage = can(ctx.role, 'inventory.manage');
  const warehouses = manage ? (await read(purchaseChoicesOp, {})).stores.filter((s) => s.kind === 'warehouse') : [];
  const filtered = Boolean(sp.q || sp.kind || sp.active || sp.page);
  const label = (l: { kind: string; name: string }) =>
    l.kind === 'faulty' || l.kind === 'written_off' ? t(`kinds.${l.kind}`) : l.name;
  return (
    <div className="space-y-4">
      <PageHeader title={t('locations.title')} subtitle={t('locations.subtitle')} />
      {manage && (
        <Card>
          <details open={!filtered && data.items.length === 0}>
            <summary className="flex min-h-11 cursor-pointer items-center font-semibold">{t('locations.new')}</summary>
            <div className="space-y-2 pt-3">
              <LocationForm warehouses={warehouses.map((w) => ({ id: w.id, label: `${w.code} · ${w.name}` }))} />
              <p className="text-xs text-slate-500">{t('locations.bagHint')}</p>
            </div>
          </details>
        </Card>
      )}
      <SearchForm q={sp.q} placeholder={t('locations.searchPlaceholder')} submitLabel={tc('filter')}>
        <FilterSelect
          name="kind"
          label={t('fields.kind')}
          value={sp.kind}
          allLabel={tc('all')}
          options={STOCK_LOCATION_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
        />
        <FilterSelect
          name="active"
          label={t('fields.status')}
          value={sp.active}
          allLabel={tc('all')}
          options={[
            { value: 'active', label: t('active') },
            { value: 'inactive', label: t('inactive') },
          ]}
        />
      </SearchForm>
      {data.items.length === 0 ? (
        filtered ? (
          <EmptyState title={t('locations.noMatch')} />
        ) : (
          <EmptyState title={t('locations.emptyTitle')} hint={t('locations.emptyHint')} />
        )
      ) : (
        <StackedTable
          testId="locations-table"
          head={[t('fields.name'), t('fields.kind'), t('fields.quantity'), t('fields.status')]}
        >
          {data.items.map((l) => (
            <tr key={l.id} className={STACKED_ROW.page} data-testid="location-row">
              <StackedCell className="col-span-2">
                <Link href={`/inventory/locations/${l.id}`} className={`${LINK} ${l.parentId ? 'md:pl-4' : ''}`}>
                  {label(l)}
                </Link>
                <div className="font-mono text-xs text-slate-500">{l.code}</div>
              </StackedCell>
              <StackedCell label={t('fields.kind')}>
                {t(`kinds.${l.kind}`)}
                {l.parentName ? ` · ${l.parentName}` : ''}
                {l.technician ? ` · ${l.technician}` : ''}
              </StackedCell>
              <StackedCell label={t('fields.quantity')}>{t('locations.pieces', { count: l.quantity })}</StackedCell>
              <StackedCell label={t('fields.status')}>
                <Badge color={l.active ? 'green' : 'slate'}>{l.active ? t('active') : t('inactive')}</Badge>
              </StackedCell>
            </tr>
          ))}
        </StackedTable>
      )}
      <OffsetPager
        basePath="/inventory/locations"
        params={{ q: sp.q, kind: sp.kind, active: sp.active }}
        page={data.page}
        hasNext={data.hasNext}
        labels={{ previous: tc('previous'), next: tc('next') }}
      />
    </div>
  );
}
