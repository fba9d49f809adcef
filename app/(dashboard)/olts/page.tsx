import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { buttonClass } from '@/components/ui/button';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { SearchForm, searchParam } from '@/components/ui/search-form';
import { Table, Td } from '@/components/ui/table';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { listOltsOp } from '@/lib/fibre/record-operations';
import { formatDateTime } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { OltErrorText, OltStatusBadge } from './_components/fibre-bits';

// Links a thumb taps on a phone are at least 44 px tall.
const TAP = 'inline-flex min-h-11 items-center';

type OltRow = Awaited<ReturnType<typeof listOltsOp.run>>[number];

export default async function OltsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { info, ctx, read } = await requirePage('olts.view');
  const sp = await searchParams;
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const tz = info.org!.timezone;
  const q = searchParam(sp.q);
  const items = await read(listOltsOp, { q });
  const manage = can(ctx.role, 'olts.manage');
  const add = manage ? (
    <Link href="/olts/new" className={buttonClass('primary')} data-testid="olt-add">
      {t('olts.add')}
    </Link>
  ) : null;

  // Every count links to the ONU list filtered to it.
  const counts = (o: OltRow) => {
    const link = (query: string, n: number, label: string, tone = ''): ReactNode => (
      <Link key={query} href={`/olts/onus?oltId=${o.id}&${query}`} className={`${TAP} underline ${tone}`}>
        {n} {label}
      </Link>
    );
    return (
      <span className="flex flex-wrap gap-x-3 text-sm" data-testid="olt-counts">
        <Link href={`/olts/onus?oltId=${o.id}`} className={`${TAP} underline`}>
          {t('olts.onuTotal', { count: o.onus.total })}
        </Link>
        {link('state=working', o.onus.states.working, t('olts.onuStates.working'))}
        {o.onus.states.los > 0 && link('state=los', o.onus.states.los, t('olts.onuStates.los'), 'text-red-700')}
        {o.onus.states.dying_gasp > 0 &&
          link('state=dying_gasp', o.onus.states.dying_gasp, t('olts.onuStates.dying_gasp'), 'text-amber-700')}
        {o.onus.states.offline > 0 && link('state=offline', o.onus.states.offline, t('olts.onuStates.offline'))}
        {o.onus.levels.warning > 0 &&
          link('level=warning', o.onus.levels.warning, t('olts.levels.warning'), 'text-amber-700')}
        {o.onus.levels.critical > 0 &&
          link('level=critical', o.onus.levels.critical, t('olts.levels.critical'), 'text-red-700')}
      </span>
    );
  };
  const lastPoll = (o: OltRow) => (
    <span className="text-xs text-slate-500">
      {t('olts.lastPoll')}: {o.lastPolledAt ? formatDateTime(o.lastPolledAt, locale, tz) : t('olts.never')}
      {o.lastPollError && <span className="block break-words text-red-700">{o.lastPollError}</span>}
    </span>
  );
  const model = (o: OltRow) => `${t(`olts.vendors.${o.vendor}`)} ${o.model}`.trim();

  return (
    <div className="space-y-4">
      <PageHeader
        title={t('olts.title')}
        subtitle={t('olts.subtitle')}
        actions={
          <>
            <Link href="/olts/onus" className={buttonClass('secondary')}>
              {t('olts.allOnus')}
            </Link>
            {items.length > 0 && add}
          </>
        }
      />
      <SearchForm q={sp.q} placeholder={t('olts.searchPlaceholder')} submitLabel={t('common.search')} />
      {items.length === 0 ? (
        q ? (
          <EmptyState title={t('olts.noMatch')} />
        ) : (
          <EmptyState
            title={t('olts.emptyTitle')}
            hint={manage ? t('olts.emptyHint') : t('olts.emptyHintViewer')}
            action={add}
          />
        )
      ) : (
        <>
          {/* Phones: one card per OLT; wider screens: the table. */}
          <ul className="space-y-2 sm:hidden" data-testid="olts-cards">
            {items.map((o) => (
              <li key={o.id}>
                <Card className="space-y-2">
                  <div className="flex items-start justify-between gap-2">
                    <Link
                      href={`/olts/${o.id}`}
                      className="flex min-h-11 min-w-0 items-center break-words font-medium text-brand-700 underline dark:text-brand-500"
                    >
                      {o.name}
                    </Link>
                    <OltStatusBadge status={o.status} />
                  </div>
                  <div className="text-sm">
                    {model(o)} · <span className="break-all font-mono text-xs">{o.host}</span>
                  </div>
                  {o.lastError && o.status !== 'online' && <OltErrorText error={o.lastError} className="text-xs" />}
                  {counts(o)}
                  {lastPoll(o)}
                </Card>
              </li>
            ))}
          </ul>
          <div className="hidden sm:block">
            <Table
              testId="olts-table"
              head={[
                t('olts.name'),
                t('olts.model'),
                t('olts.host'),
                t('common.status'),
                t('olts.onus'),
                t('olts.lastPoll'),
              ]}
            >
              {items.map((o) => (
                <tr key={o.id} data-testid="olt-row">
                  <Td>
                    <Link href={`/olts/${o.id}`} className="font-medium text-brand-700 underline dark:text-brand-500">
                      {o.name}
                    </Link>
                  </Td>
                  <Td>{model(o)}</Td>
                  <Td className="font-mono text-xs">{o.host}</Td>
                  <Td>
                    <OltStatusBadge status={o.status} />
                    {o.lastError && o.status !== 'online' && (
                      <OltErrorText error={o.lastError} className="mt-1 max-w-56 text-xs" />
                    )}
                  </Td>
                  <Td>{counts(o)}</Td>
                  <Td>{lastPoll(o)}</Td>
                </tr>
              ))}
            </Table>
          </div>
        </>
      )}
    </div>
  );
}
