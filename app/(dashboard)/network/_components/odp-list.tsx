import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Badge, EmptyState } from '@/components/ui/card';
import { FilterSelect } from '@/components/ui/filter-select';
import { SearchForm, searchParam } from '@/components/ui/search-form';
import { STACKED_ROW, StackedCell, StackedTable } from '@/components/ui/stacked-table';
import { listOdpPageOp, odcChoicesOp } from '@/lib/infrastructure/operations';
import type { Read } from '@/lib/server/read';
import { AddPanel, ListPager } from './list-bits';
import { OdpForm } from './odp-form';

type Params = Record<string, string | undefined>;

/** The ODP tab: used/free ports at a glance, its ODC, search by code/name/area/ODC. */
export async function OdpList({ read, sp, page, manage }: { read: Read; sp: Params; page: number; manage: boolean }) {
  const t = await getTranslations();
  const q = searchParam(sp.q);
  const odcs = await read(odcChoicesOp, {});
  const odcId = odcs.some((o) => o.id === sp.odc) ? sp.odc : undefined;
  const list = await read(listOdpPageOp, { q, odcId, page });
  const empty = list.total === 0 && !q && !odcId;
  return (
    <section className="space-y-3">
      {manage && (
        <AddPanel label={t('network.addOdp')} open={empty || sp.add === '1'} testId="odp-add">
          <OdpForm odcs={odcs} />
        </AddPanel>
      )}
      <SearchForm q={sp.q} placeholder={t('network.searchOdp')} submitLabel={t('common.search')}>
        <input type="hidden" name="tab" value="odp" />
        {odcs.length > 0 && (
          <FilterSelect
            name="odc"
            label={t('network.odc')}
            value={odcId}
            allLabel={t('common.all')}
            options={odcs.map((o) => ({ value: o.id, label: o.code }))}
          />
        )}
      </SearchForm>
      {list.items.length === 0 ? (
        <EmptyState
          title={empty ? t('odps.emptyTitle') : t('network.noMatch')}
          hint={empty ? t('odps.emptyHint') : undefined}
        />
      ) : (
        <StackedTable
          testId="odps-table"
          head={[
            t('odps.code'),
            t('odps.name'),
            t('network.odc'),
            t('network.ports'),
            t('network.splitterRatio'),
            t('odps.area'),
          ]}
        >
          {list.items.map((o) => {
            const full = o.usedPorts >= o.totalPorts;
            return (
              <tr key={o.id} className={STACKED_ROW.page} data-testid="odp-row">
                <StackedCell className="col-span-2 md:col-span-1">
                  <Link
                    href={`/network/odps/${o.id}`}
                    className="font-medium text-brand-700 underline dark:text-brand-500"
                  >
                    {o.code}
                  </Link>
                </StackedCell>
                <StackedCell label={t('odps.name')}>{o.name}</StackedCell>
                <StackedCell label={t('network.odc')}>{o.odcCode ?? '—'}</StackedCell>
                <StackedCell label={t('network.ports')}>
                  <span className="whitespace-nowrap">
                    {t('network.portsUsed', { used: o.usedPorts, total: o.totalPorts })}
                  </span>{' '}
                  {full && <Badge color="red">{t('odps.full')}</Badge>}
                </StackedCell>
                <StackedCell label={t('network.splitterRatio')}>{o.splitterRatio ?? '—'}</StackedCell>
                <StackedCell label={t('odps.area')}>{o.area ?? '—'}</StackedCell>
              </tr>
            );
          })}
        </StackedTable>
      )}
      <ListPager params={{ tab: 'odp', q: sp.q, odc: odcId }} list={list} />
    </section>
  );
}
