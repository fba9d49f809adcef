import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { RequestStatusBadge } from '@/components/requests/badges';
import { buttonClass } from '@/components/ui/button';
import { Badge, EmptyState, PageHeader } from '@/components/ui/card';
import { FilterSelect } from '@/components/ui/filter-select';
import { SearchForm, searchParam } from '@/components/ui/search-form';
import { STACKED_ROW, StackedCell, StackedTable } from '@/components/ui/stacked-table';
import { Pager } from '@/components/ui/table';
import { SERVICE_REQUEST_KINDS, SERVICE_REQUEST_STATUSES } from '@/db/enums';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { formatCustomerNumber } from '@/lib/core/customer-number';
import { formatDateTime } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { countPendingRequestsOp, listServiceRequestsOp } from '@/lib/requests/operations';
import { listRequestsSchema } from '@/lib/requests/schemas';
import { requestSummary } from '@/lib/requests/sheet';

/** Permintaan pelanggan: filters (status, kind), search, newest first by keyset, CSV export. */
export default async function RequestsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { info, ctx, read } = await requirePage('requests.view');
  const sp = await searchParams;
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const f = listRequestsSchema.parse({ ...sp, q: searchParam(sp.q) });
  const { page, planNames } = await read(listServiceRequestsOp, f);
  const pending = await read(countPendingRequestsOp, {});
  const filtered = Boolean(f.q || f.status || f.kind);
  const all = t('common.all');
  const exportQuery = new URLSearchParams(
    Object.entries({ q: f.q, status: f.status, kind: f.kind }).filter((e): e is [string, string] => Boolean(e[1])),
  ).toString();
  return (
    <div>
      <PageHeader
        title={t('requests.title')}
        subtitle={t('requests.subtitle')}
        actions={
          can(ctx.role, 'reports.view') && (
            <a href={`/requests/export${exportQuery ? `?${exportQuery}` : ''}`} className={buttonClass('secondary')}>
              {t('requests.export')}
            </a>
          )
        }
      />
      <div className="mb-3 flex flex-wrap gap-2">
        <Link
          href="/requests?status=pending"
          className={buttonClass(f.status === 'pending' ? 'primary' : 'secondary', 'px-3')}
        >
          {t('requests.quickPending')}
          {pending > 0 && <Badge color="amber">{pending}</Badge>}
        </Link>
        <Link href="/requests" className={buttonClass(!filtered ? 'primary' : 'secondary', 'px-3')}>
          {t('requests.showAll')}
        </Link>
      </div>
      <SearchForm q={sp.q} placeholder={t('requests.searchPlaceholder')} submitLabel={t('common.filter')}>
        <FilterSelect
          name="status"
          label={t('common.status')}
          value={f.status}
          allLabel={all}
          options={SERVICE_REQUEST_STATUSES.map((s) => ({ value: s, label: t(`requests.statuses.${s}`) }))}
        />
        <FilterSelect
          name="kind"
          label={t('requests.kind')}
          value={f.kind}
          allLabel={all}
          options={SERVICE_REQUEST_KINDS.map((k) => ({ value: k, label: t(`requests.kinds.${k}`) }))}
        />
      </SearchForm>
      {page.items.length === 0 ? (
        <EmptyState
          title={filtered ? t('requests.emptyFilteredTitle') : t('requests.emptyTitle')}
          hint={filtered ? t('requests.emptyFilteredHint') : t('requests.emptyHint')}
          action={
            filtered && (
              <Link href="/requests" className={buttonClass('secondary')}>
                {t('requests.showAll')}
              </Link>
            )
          }
        />
      ) : (
        <StackedTable
          testId="requests-table"
          head={[
            t('requests.columns.summary'),
            t('requests.columns.customer'),
            t('common.status'),
            t('requests.columns.createdAt'),
          ]}
        >
          {page.items.map((r) => (
            <tr key={r.id} data-testid="request-row" className={STACKED_ROW.page}>
              <StackedCell className="col-span-2 md:col-span-1">
                <Link
                  href={`/requests/${r.id}`}
                  className="inline-flex min-h-11 items-center font-medium text-brand-700 underline break-words md:min-h-0 dark:text-brand-500"
                >
                  {t(`requests.kinds.${r.kind}`)}
                </Link>
                <div className="text-sm break-words text-slate-600 dark:text-slate-400">
                  {requestSummary(locale, r, planNames)}
                </div>
                <div className="mt-1">
                  <Badge>{t(`requests.channels.${r.channel}`)}</Badge>
                </div>
              </StackedCell>
              <StackedCell label={t('requests.columns.customer')} className="col-span-2 md:col-span-1">
                <div className="break-words">{r.customerName}</div>
                <div className="text-xs text-slate-500">
                  {formatCustomerNumber(r.customerNumber)} · {r.serviceUsername}
                </div>
              </StackedCell>
              <StackedCell label={t('common.status')}>
                <RequestStatusBadge status={r.status} />
              </StackedCell>
              <StackedCell label={t('requests.columns.createdAt')} className="text-xs md:whitespace-nowrap md:text-sm">
                {formatDateTime(r.createdAt, locale, info.org!.timezone)}
              </StackedCell>
            </tr>
          ))}
        </StackedTable>
      )}
      <Pager
        basePath="/requests"
        params={{ q: sp.q, status: f.status, kind: f.kind, cursor: sp.cursor }}
        nextCursor={page.nextCursor}
        labels={{ next: t('common.next'), first: t('common.first') }}
      />
    </div>
  );
}
