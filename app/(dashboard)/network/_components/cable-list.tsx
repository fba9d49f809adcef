import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { EmptyState } from '@/components/ui/card';
import { FilterSelect } from '@/components/ui/filter-select';
import { SearchForm, searchParam } from '@/components/ui/search-form';
import { STACKED_ROW, StackedCell, StackedTable } from '@/components/ui/stacked-table';
import { CABLE_TYPES, type CableType } from '@/lib/infrastructure/constants';
import { listCablesOp } from '@/lib/infrastructure/operations';
import type { Read } from '@/lib/server/read';
import { CableForm } from './cable-form';
import { AddPanel, ListPager } from './list-bits';

type Params = Record<string, string | undefined>;

/** The cable tab: type, cores and length along the route. */
export async function CableList({ read, sp, page, manage }: { read: Read; sp: Params; page: number; manage: boolean }) {
  const t = await getTranslations();
  const q = searchParam(sp.q);
  const cableType = (CABLE_TYPES as readonly string[]).includes(sp.type ?? '') ? (sp.type as CableType) : undefined;
  const list = await read(listCablesOp, { q, cableType, page });
  const empty = list.total === 0 && !q && !cableType;
  return (
    <section className="space-y-3">
      {manage && (
        <AddPanel label={t('network.addCable')} open={empty || sp.add === '1'} testId="cable-add">
          <CableForm />
        </AddPanel>
      )}
      <SearchForm q={sp.q} placeholder={t('network.searchCable')} submitLabel={t('common.search')}>
        <input type="hidden" name="tab" value="cables" />
        <FilterSelect
          name="type"
          label={t('network.cableType')}
          value={cableType}
          allLabel={t('common.all')}
          options={CABLE_TYPES.map((c) => ({ value: c, label: t(`network.cableTypes.${c}`) }))}
        />
      </SearchForm>
      {list.items.length === 0 ? (
        <EmptyState
          title={empty ? t('network.cablesEmpty') : t('network.noMatch')}
          hint={empty ? t('network.cablesEmptyHint') : undefined}
        />
      ) : (
        <StackedTable
          testId="cables-table"
          head={[
            t('odps.code'),
            t('odps.name'),
            t('network.cableType'),
            t('network.coreCount'),
            t('network.length'),
            t('odps.area'),
          ]}
        >
          {list.items.map((c) => (
            <tr key={c.id} className={STACKED_ROW.page} data-testid="cable-row">
              <StackedCell className="col-span-2 md:col-span-1">
                <Link
                  href={`/network/cables/${c.id}`}
                  className="font-medium text-brand-700 underline dark:text-brand-500"
                >
                  {c.code}
                </Link>
              </StackedCell>
              <StackedCell label={t('odps.name')}>{c.name}</StackedCell>
              <StackedCell label={t('network.cableType')}>{t(`network.cableTypes.${c.cableType}`)}</StackedCell>
              <StackedCell label={t('network.coreCount')}>{c.coreCount}</StackedCell>
              <StackedCell label={t('network.length')}>{t('network.meters', { length: c.lengthM })}</StackedCell>
              <StackedCell label={t('odps.area')}>{c.area ?? '—'}</StackedCell>
            </tr>
          ))}
        </StackedTable>
      )}
      <ListPager params={{ tab: 'cables', q: sp.q, type: cableType }} list={list} />
    </section>
  );
}
