import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Badge, EmptyState } from '@/components/ui/card';
import { FilterSelect } from '@/components/ui/filter-select';
import { SearchForm, searchParam } from '@/components/ui/search-form';
import { STACKED_ROW, StackedCell, StackedTable } from '@/components/ui/stacked-table';
import { SITE_KINDS, type SiteKind } from '@/lib/infrastructure/constants';
import { listSitesOp, siteTopologyChoicesOp } from '@/lib/infrastructure/operations';
import type { Read } from '@/lib/server/read';
import { AddPanel, ListPager } from './list-bits';
import { SiteForm } from './site-form';

type Params = Record<string, string | undefined>;

/** The "Titik" tab: POPs, OLTs, ODC cabinets and poles, filterable by kind. */
export async function SiteList({ read, sp, page, manage }: { read: Read; sp: Params; page: number; manage: boolean }) {
  const t = await getTranslations();
  const q = searchParam(sp.q);
  const kind = (SITE_KINDS as readonly string[]).includes(sp.kind ?? '') ? (sp.kind as SiteKind) : undefined;
  const list = await read(listSitesOp, { q, kind, page });
  const empty = list.total === 0 && !q && !kind;
  const topology = manage ? await read(siteTopologyChoicesOp, {}) : undefined;
  return (
    <section className="space-y-3">
      {manage && (
        <AddPanel label={t('network.addSite')} open={empty || sp.add === '1'} testId="site-add">
          <SiteForm defaultKind={kind} topology={topology} />
        </AddPanel>
      )}
      <SearchForm q={sp.q} placeholder={t('network.searchSite')} submitLabel={t('common.search')}>
        <input type="hidden" name="tab" value="sites" />
        <FilterSelect
          name="kind"
          label={t('network.siteKind')}
          value={kind}
          allLabel={t('common.all')}
          options={SITE_KINDS.map((k) => ({ value: k, label: t(`network.kinds.${k}`) }))}
        />
      </SearchForm>
      {list.items.length === 0 ? (
        <EmptyState
          title={empty ? t('network.sitesEmpty') : t('network.noMatch')}
          hint={empty ? t('network.sitesEmptyHint') : undefined}
        />
      ) : (
        <StackedTable
          testId="sites-table"
          head={[t('odps.code'), t('network.siteKind'), t('odps.name'), t('network.capacity'), t('odps.area')]}
        >
          {list.items.map((s) => (
            <tr key={s.id} className={STACKED_ROW.page} data-testid="site-row">
              <StackedCell className="col-span-2 md:col-span-1">
                <Link
                  href={`/network/sites/${s.id}`}
                  className="font-medium text-brand-700 underline dark:text-brand-500"
                >
                  {s.code}
                </Link>
              </StackedCell>
              <StackedCell label={t('network.siteKind')}>
                <Badge color={s.kind === 'odc' ? 'blue' : s.kind === 'pole' ? 'slate' : 'amber'}>
                  {t(`network.kinds.${s.kind}`)}
                </Badge>
              </StackedCell>
              <StackedCell label={t('odps.name')}>{s.name}</StackedCell>
              <StackedCell label={t('network.capacity')}>
                {s.capacity ?? '—'}
                {s.kind === 'odc' && (
                  <span className="block text-xs text-slate-500">{t('network.feedsOdps', { count: s.feedsOdps })}</span>
                )}
              </StackedCell>
              <StackedCell label={t('odps.area')}>{s.area ?? '—'}</StackedCell>
            </tr>
          ))}
        </StackedTable>
      )}
      <ListPager params={{ tab: 'sites', q: sp.q, kind }} list={list} />
    </section>
  );
}
