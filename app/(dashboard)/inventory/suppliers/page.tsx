import { getTranslations } from 'next-intl/server';
import { OffsetPager } from '@/components/inventory/catalogue-bits';
import { Badge, Card, EmptyState, PageHeader } from '@/components/ui/card';
import { FilterSelect } from '@/components/ui/filter-select';
import { SearchForm } from '@/components/ui/search-form';
import { STACKED_ROW, StackedCell, StackedTable } from '@/components/ui/stacked-table';
import { requirePage } from '@/lib/auth/context';
import { listSuppliersOp } from '@/lib/inventory/catalogue-operations';
import { ActiveToggle } from '../items/_components/active-toggle';
import { SupplierForm } from './supplier-form';

export default async function SuppliersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { read } = await requirePage('inventory.manage');
  const sp = await searchParams;
  const t = await getTranslations('inventoryCatalogue');
  const tc = await getTranslations('common');
  const data = await read(listSuppliersOp, { q: sp.q, active: (sp.active ?? '') as 'active', page: sp.page });
  const filtered = Boolean(sp.q || sp.active || sp.page);
  return (
    <div className="space-y-4">
      <PageHeader title={t('suppliers.title')} subtitle={t('suppliers.subtitle')} />
      <Card>
        <details open={!filtered && data.items.length === 0}>
          <summary className="flex min-h-11 cursor-pointer items-center font-semibold">{t('suppliers.new')}</summary>
          <div className="pt-3">
            <SupplierForm />
          </div>
        </details>
      </Card>
      <SearchForm q={sp.q} placeholder={t('suppliers.searchPlaceholder')} submitLabel={tc('filter')}>
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
          <EmptyState title={t('suppliers.noMatch')} />
        ) : (
          <EmptyState title={t('suppliers.emptyTitle')} hint={t('suppliers.emptyHint')} />
        )
      ) : (
        <StackedTable
          testId="suppliers-table"
          head={[t('fields.name'), t('fields.contactName'), t('fields.phone'), t('fields.status')]}
        >
          {data.items.map((s) => (
            <tr key={s.id} className={STACKED_ROW.page} data-testid="supplier-row">
              <StackedCell className="col-span-2">
                <span className="font-medium">{s.name}</span>
                <details className="mt-1">
                  <summary className="flex min-h-11 cursor-pointer items-center text-sm text-brand-700 underline dark:text-brand-500">
                    {t('suppliers.edit')}
                  </summary>
                  <div className="space-y-3 pt-2">
                    <SupplierForm supplier={s} />
                    <ActiveToggle target={{ kind: 'supplier', id: s.id }} active={s.active} />
                  </div>
                </details>
              </StackedCell>
              <StackedCell label={t('fields.contactName')}>{s.contactName ?? '—'}</StackedCell>
              <StackedCell label={t('fields.phone')}>{s.phone ?? '—'}</StackedCell>
              <StackedCell label={t('fields.status')}>
                <Badge color={s.active ? 'green' : 'slate'}>{s.active ? t('active') : t('inactive')}</Badge>
              </StackedCell>
            </tr>
          ))}
        </StackedTable>
      )}
      <OffsetPager
        basePath="/inventory/suppliers"
        params={{ q: sp.q, active: sp.active }}
        page={data.page}
        hasNext={data.hasNext}
        labels={{ previous: tc('previous'), next: tc('next') }}
      />
    </div>
  );
}
