import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { ElementPicker } from '@/components/outages/element-picker';
import { OutageStatusBadge } from '@/components/outages/outage-status-badge';
import { Alert, Card, EmptyState, PageHeader } from '@/components/ui/card';
import { FilterSelect } from '@/components/ui/filter-select';
import { SearchForm } from '@/components/ui/search-form';
import { STACKED_ROW, StackedCell, StackedTable } from '@/components/ui/stacked-table';
import { Pager } from '@/components/ui/table';
import { OUTAGE_STATUSES } from '@/db/enums';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { formatDateTime } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { countOutagesOp, listOutagesOp } from '@/lib/outages/operations';
import { executeOperation } from '@/lib/server/operation';

/** NOC's outages: proposals to confirm first, then open and past ones; mark an element down from here. */
export default async function OutagesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { info, ctx, read } = await requirePage('outages.view');
  const sp = await searchParams;
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const tz = info.org!.timezone;
  const counts = await read(countOutagesOp, {});
  const result = await executeOperation(listOutagesOp, ctx, { status: sp.status ?? '', q: sp.q, cursor: sp.cursor });
  const page = result.ok ? result.data : { items: [], nextCursor: null };
  const filtered = Boolean(sp.q || sp.status || sp.cursor);
  const manage = can(ctx.role, 'outages.manage');
  return (
    <div className="space-y-4">
      <PageHeader title={t('outages.title')} subtitle={t('outages.subtitle')} />
      {counts.proposed > 0 && (
        <Alert kind="warning">
          <Link href="/outages?status=proposed" className="underline" data-testid="proposed-count">
            {t('outages.proposedWaiting', { count: counts.proposed })}
          </Link>
        </Alert>
      )}
      {manage && (
        <Card>
          <details open={!filtered && page.items.length === 0}>
            <summary className="flex min-h-11 cursor-pointer items-center font-semibold">
              {t('outages.markDownTitle')}
            </summary>
            <div className="pt-3">
              <ElementPicker />
            </div>
          </details>
        </Card>
      )}
      <section>
        <SearchForm q={sp.q} placeholder={t('outages.searchPlaceholder')} submitLabel={t('common.filter')}>
          <FilterSelect
            name="status"
            label={t('common.status')}
            value={sp.status}
            allLabel={t('common.all')}
            className="sm:max-w-48"
            options={OUTAGE_STATUSES.map((s) => ({ value: s, label: t(`outages.statuses.${s}`) }))}
          />
        </SearchForm>
        {!result.ok && <Alert>{result.message}</Alert>}
        {page.items.length === 0 ? (
          filtered ? (
            <EmptyState title={t('outages.noMatch')} />
          ) : (
            <EmptyState title={t('outages.emptyTitle')} hint={t('outages.emptyHint')} />
          )
        ) : (
          <StackedTable
            testId="outages-table"
            head={[
              t('outages.element'),
              t('common.status'),
              t('outages.affected'),
              t('outages.started'),
              t('outages.ticket'),
            ]}
          >
            {page.items.map((o) => (
              <tr key={o.id} data-testid="outage-row" className={STACKED_ROW.page}>
                <StackedCell className="col-span-2">
                  <Link
                    href={`/outages/${o.id}`}
                    className="inline-flex min-h-11 items-center break-words font-medium text-brand-700 underline dark:text-brand-500"
                  >
                    {o.elementLabel}
                  </Link>
                  <div className="text-xs text-slate-500">
                    {t(`outages.elements.${o.elementType}`)}
                    {o.area ? ` · ${o.area}` : ''}
                    {o.source === 'detected' ? ` · ${t('outages.sources.detected')}` : ''}
                  </div>
                </StackedCell>
                <StackedCell label={t('common.status')}>
                  <OutageStatusBadge status={o.status} />
                </StackedCell>
                <StackedCell label={t('outages.affected')}>
                  <span data-testid="outage-affected">{t('outages.customersCount', { count: o.affectedCount })}</span>
                </StackedCell>
                <StackedCell label={t('outages.started')} className="text-xs md:whitespace-nowrap">
                  {formatDateTime(o.startedAt, locale, tz)}
                  {o.resolvedAt && (
                    <div className="text-slate-500">{`${t('outages.resolvedAt')} ${formatDateTime(o.resolvedAt, locale, tz)}`}</div>
                  )}
                </StackedCell>
                <StackedCell label={t('outages.ticket')} className="font-mono text-xs">
                  {o.ticketNumber ?? '—'}
                </StackedCell>
              </tr>
            ))}
          </StackedTable>
        )}
        <Pager
          basePath="/outages"
          params={{ q: sp.q, status: sp.status, cursor: sp.cursor }}
          nextCursor={page.nextCursor}
          labels={{ next: t('common.next'), first: t('common.first') }}
        />
      </section>
    </div>
  );
}
