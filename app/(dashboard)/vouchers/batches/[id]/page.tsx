import { getLocale, getTranslations } from 'next-intl/server';
import { AutoRefresh } from '@/components/ui/auto-refresh';
import { Alert, Card, PageHeader } from '@/components/ui/card';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { formatDateTime, formatIDR } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { executeOperation } from '@/lib/server/operation';
import { VOUCHER_STATUSES } from '@/lib/vouchers/constants';
import { getVoucherBatchOp, listVouchersOp } from '@/lib/vouchers/operations';
import { BatchStatusBadge, ProgressBar, StatusCounts } from '../../_components/batch-status';
import { VoucherNav } from '../../_components/voucher-nav';
import { BatchActions } from './batch-actions';
import { PrintForm } from './print-form';
import { VouchersTable } from './vouchers-table';

export default async function VoucherBatchPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { info, ctx, read } = await requirePage('vouchers.view');
  const { id } = await params;
  const sp = await searchParams;
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const b = await read(getVoucherBatchOp, { batchId: id });
  const status = (VOUCHER_STATUSES as readonly string[]).includes(sp.status ?? '')
    ? (sp.status as (typeof VOUCHER_STATUSES)[number])
    : undefined;
  const list = await executeOperation(listVouchersOp, ctx, {
    batchId: id,
    status,
    q: sp.q || undefined,
    cursor: sp.cursor,
  });
  const page = list.ok ? list.data : { items: [], nextCursor: null };
  const manage = can(ctx.role, 'vouchers.manage');
  const running = b.displayStatus === 'queued' || b.displayStatus === 'delivering';
  const printable = (b.byStatus.unused ?? 0) + (b.byStatus.active ?? 0);
  const row = (label: string, value: React.ReactNode) => (
    <div className="flex justify-between gap-3 border-b border-slate-100 py-1.5 text-sm last:border-0 dark:border-slate-800">
      <dt className="text-slate-500">{label}</dt>
      <dd className="text-right font-medium">{value}</dd>
    </div>
  );
  return (
    <div className="space-y-4">
      {running && <AutoRefresh seconds={2} />}
      <PageHeader
        title={t('vouchers.batch.title', { profile: b.profileName })}
        subtitle={formatDateTime(b.createdAt, locale, info.org!.timezone)}
      />
      <VoucherNav current="batches" manage={manage} />
      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <h2 className="mb-2 font-semibold">{t('vouchers.batch.summary')}</h2>
          <dl data-testid="batch-summary">
            {row(t('common.status'), <BatchStatusBadge status={b.displayStatus} />)}
            {row(t('vouchers.batches.count'), b.count.toLocaleString('id-ID'))}
            {row(t('vouchers.batch.price'), formatIDR(b.priceRupiah))}
            {row(t('vouchers.batch.cost'), formatIDR(b.costRupiah))}
            {row(
              t('vouchers.batch.codes'),
              `${b.prefix}${'•'.repeat(Math.min(b.codeLength, 8))} · ${t('vouchers.batch.codeSpec', { length: b.codeLength, charset: t(`vouchers.charsets.${b.charset}`) })}`,
            )}
            {row(t('vouchers.generate.passwordMode'), t(`vouchers.passwordModes.${b.passwordMode}`))}
            {row(
              t('vouchers.batches.target'),
              b.delivery === 'radius' ? `RADIUS${b.routerName ? ` · ${b.routerName}` : ''}` : (b.routerName ?? '—'),
            )}
            {row(
              t('vouchers.batches.owner'),
              b.resellerUserId ? (b.resellerName ?? '—') : t('vouchers.generate.ownerOrg'),
            )}
            {row(t('vouchers.batches.counts'), <StatusCounts counts={b.byStatus} />)}
          </dl>
        </Card>
        <Card>
          <h2 className="mb-2 font-semibold">{t('vouchers.batch.delivery')}</h2>
          <div className="space-y-3">
            {running && (
              <ProgressBar
                done={b.progressDone ?? 0}
                total={b.progressTotal ?? b.count}
                label={
                  b.progressTotal
                    ? t('vouchers.batch.delivered', { done: b.progressDone ?? 0, total: b.progressTotal })
                    : t('vouchers.batch.waiting')
                }
              />
            )}
            {!running && b.displayStatus !== 'failed' && (
              <p className="text-sm" data-testid="delivery-done">
                {t('vouchers.batch.delivered', { done: b.deliveredCount, total: b.count })}
              </p>
            )}
            {b.failedCount > 0 && (
              <Alert kind="warning">{t('vouchers.batch.failedCount', { count: b.failedCount })}</Alert>
            )}
            {b.jobError && (b.displayStatus === 'failed' || running) && (
              <Alert kind={b.displayStatus === 'failed' ? 'error' : 'warning'}>
                {b.displayStatus === 'failed' ? `${t('vouchers.batch.deliveryFailed')}: ` : ''}
                {b.jobError}
              </Alert>
            )}
            {manage && (
              <BatchActions batchId={b.id} failed={b.displayStatus === 'failed'} unused={b.byStatus.unused ?? 0} />
            )}
          </div>
        </Card>
      </div>
      <PrintForm batchId={b.id} cards={printable} defaultLoginUrl={b.hotspotLoginUrl} />
      <VouchersTable
        batchId={b.id}
        items={JSON.parse(JSON.stringify(page.items))}
        nextCursor={page.nextCursor}
        params={{ q: sp.q, status, cursor: sp.cursor }}
        manage={manage}
        timeZone={info.org!.timezone}
      />
    </div>
  );
}
