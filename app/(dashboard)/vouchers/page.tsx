import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { AutoRefresh } from '@/components/ui/auto-refresh';
import { buttonClass } from '@/components/ui/button';
import { EmptyState, PageHeader } from '@/components/ui/card';
import { FilterSelect } from '@/components/ui/filter-select';
import { SearchForm } from '@/components/ui/search-form';
import { STACKED_ROW, StackedCell, StackedTable } from '@/components/ui/stacked-table';
import { Pager } from '@/components/ui/table';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { formatDateTime, formatIDR } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { executeOperation } from '@/lib/server/operation';
import { BATCH_DISPLAY_STATUSES } from '@/lib/vouchers/constants';
import { listVoucherBatchesOp } from '@/lib/vouchers/operations';
import { BatchStatusBadge, ProgressBar, StatusCounts } from './_components/batch-status';
import { VoucherNav } from './_components/voucher-nav';

export default async function VoucherBatchesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { info, ctx } = await requirePage('vouchers.view');
  const sp = await searchParams;
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const status = (BATCH_DISPLAY_STATUSES as readonly string[]).includes(sp.status ?? '') ? sp.status : undefined;
  const r = await executeOperation(listVoucherBatchesOp, ctx, { q: sp.q || undefined, status, cursor: sp.cursor });
  const page = r.ok ? r.data : { items: [], nextCursor: null };
  const busy = page.items.some((b) => b.displayStatus === 'queued' || b.displayStatus === 'delivering');
  return (
    <div className="space-y-4">
      <PageHeader title={t('vouchers.title')} subtitle={t('vouchers.subtitle')} />
      <VoucherNav current="batches" manage={can(ctx.role, 'vouchers.manage')} />
      {busy && <AutoRefresh seconds={3} />}
      <SearchForm q={sp.q} placeholder={t('vouchers.batches.searchPlaceholder')} submitLabel={t('common.search')}>
        <FilterSelect
          name="status"
          label={t('common.status')}
          value={status}
          allText={t('vouchers.batches.allStatuses')}
          className="sm:max-w-48"
          options={BATCH_DISPLAY_STATUSES.map((s) => ({ value: s, label: t(`vouchers.batchStatuses.${s}`) }))}
        />
      </SearchForm>
      {page.items.length === 0 ? (
        <EmptyState
          title={t('vouchers.batches.emptyTitle')}
          hint={t('vouchers.batches.emptyHint')}
          action={
            can(ctx.role, 'vouchers.manage') && (
              <Link href="/vouchers/new" className={buttonClass('primary')}>
                {t('vouchers.tabs.new')}
              </Link>
            )
          }
        />
      ) : (
        <StackedTable
          testId="voucher-batches"
          head={[
            t('vouchers.batches.created'),
            t('vouchers.batches.profile'),
            t('vouchers.batches.count'),
            t('vouchers.batches.target'),
            t('vouchers.batches.owner'),
            t('common.status'),
            t('vouchers.batches.counts'),
            '',
          ]}
        >
          {page.items.map((b) => (
            <tr key={b.id} className={STACKED_ROW.page} data-testid="voucher-batch-row">
              <StackedCell label={t('vouchers.batches.created')}>
                {formatDateTime(b.createdAt, locale, info.org!.timezone)}
                {b.createdByName && (
                  <div className="text-xs text-slate-500">{t('vouchers.batches.by', { name: b.createdByName })}</div>
                )}
              </StackedCell>
              <StackedCell label={t('vouchers.batches.profile')}>
                <div className="font-medium">{b.profileName}</div>
                <div className="text-xs text-slate-500">{formatIDR(b.priceRupiah)}</div>
              </StackedCell>
              <StackedCell label={t('vouchers.batches.count')}>{b.count.toLocaleString('id-ID')}</StackedCell>
              <StackedCell label={t('vouchers.batches.target')}>
                {b.delivery === 'radius' ? 'RADIUS' : (b.routerName ?? '—')}
              </StackedCell>
              <StackedCell label={t('vouchers.batches.owner')}>
                {b.resellerUserId ? (b.resellerName ?? '—') : t('vouchers.generate.ownerOrg')}
              </StackedCell>
              <StackedCell label={t('common.status')}>
                <BatchStatusBadge status={b.displayStatus} />
                {(b.displayStatus === 'queued' || b.displayStatus === 'delivering') && b.progressTotal ? (
                  <ProgressBar
                    done={b.progressDone ?? 0}
                    total={b.progressTotal}
                    label={t('vouchers.batch.delivered', { done: b.progressDone ?? 0, total: b.progressTotal })}
                  />
                ) : null}
              </StackedCell>
              <StackedCell label={t('vouchers.batches.counts')}>
                <StatusCounts counts={b.byStatus} />
              </StackedCell>
              <StackedCell className="col-span-2 md:col-span-1">
                <Link
                  href={`/vouchers/batches/${b.id}`}
                  className="inline-flex min-h-11 items-center font-medium text-brand-700 underline dark:text-brand-400"
                >
                  {t('vouchers.batches.open')}
                </Link>
              </StackedCell>
            </tr>
          ))}
        </StackedTable>
      )}
      <Pager
        basePath="/vouchers"
        params={{ q: sp.q, status, cursor: sp.cursor }}
        nextCursor={page.nextCursor}
        labels={{ next: t('common.next'), first: t('common.first') }}
      />
    </div>
  );
}
