import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/card';
import { FilterSelect } from '@/components/ui/filter-select';
import { SearchForm, searchParam } from '@/components/ui/search-form';
import { ONU_STATES, SIGNAL_LEVELS } from '@/db/enums';
import { requirePage } from '@/lib/auth/context';
import { listOnusOp, oltChoicesOp } from '@/lib/fibre/record-operations';
import { OnuList } from '../_components/onu-list';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const pick = <T extends string>(v: string | undefined, allowed: readonly T[]) =>
  allowed.includes(v as T) ? (v as T) : undefined;

/** Every ONU across the OLTs: `?state=` and `?level=` are the dashboard's links. */
export default async function OnusPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { read } = await requirePage('olts.view');
  const sp = await searchParams;
  const t = await getTranslations();
  // A hand-edited link with an unknown filter shows everything rather than an error page.
  const filters = {
    q: searchParam(sp.q),
    state: pick(sp.state, ONU_STATES),
    level: pick(sp.level, SIGNAL_LEVELS),
    oltId: sp.oltId && UUID.test(sp.oltId) ? sp.oltId : undefined,
    ponPortId: sp.ponPortId && UUID.test(sp.ponPortId) ? sp.ponPortId : undefined,
  };
  const pageNo = Math.min(10_000, Math.max(1, Number.parseInt(sp.page ?? '1', 10) || 1));
  const [list, olts] = await Promise.all([read(listOnusOp, { ...filters, page: pageNo }), read(oltChoicesOp, {})]);
  const params = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)) as Record<
    string,
    string
  >;
  const filtered = Object.keys(params).length > 0;
  const exportHref = `/api/olts/onus/export?${new URLSearchParams(params).toString()}`;
  return (
    <div className="space-y-4">
      <PageHeader
        title={t('olts.onusTitle')}
        subtitle={t('olts.onusSubtitle', { count: list.total })}
        actions={
          <a href={exportHref} className={buttonClass('secondary')} data-testid="onus-export">
            {t('olts.exportCsv')}
          </a>
        }
      />
      <SearchForm q={sp.q} placeholder={t('olts.onuSearchPlaceholder')} submitLabel={t('common.search')}>
        <FilterSelect
          name="state"
          label={t('common.status')}
          value={filters.state}
          allLabel={t('olts.all')}
          options={ONU_STATES.map((s) => ({ value: s, label: t(`olts.onuStates.${s}`) }))}
        />
        <FilterSelect
          name="level"
          label={t('olts.level')}
          value={filters.level}
          allLabel={t('olts.all')}
          options={SIGNAL_LEVELS.map((s) => ({ value: s, label: t(`olts.levels.${s}`) }))}
        />
        <FilterSelect
          name="oltId"
          label="OLT"
          value={filters.oltId}
          allLabel={t('olts.all')}
          options={olts.map((o) => ({ value: o.id, label: o.name }))}
        />
        {filters.ponPortId && <input type="hidden" name="ponPortId" value={filters.ponPortId} />}
      </SearchForm>
      <OnuList
        list={list}
        pager={{ basePath: '/olts/onus', params }}
        emptyHint={filtered ? t('olts.noOnusFiltered') : t('olts.noOnusHint')}
        emptyAction={
          // The next step: drop the filters, or go to the OLTs where ONUs are registered.
          filtered ? (
            <Link href="/olts/onus" className={buttonClass('secondary')} data-testid="onus-clear-filters">
              {t('olts.clearFilters')}
            </Link>
          ) : (
            <Link href="/olts" className={buttonClass('primary')} data-testid="onus-open-olts">
              {t('olts.openOlts')}
            </Link>
          )
        }
      />
    </div>
  );
}
