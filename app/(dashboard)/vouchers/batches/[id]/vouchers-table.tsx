'use client';
import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { disableVouchersAction } from '@/app/_actions/vouchers';
import { Alert, Badge, Card } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { FilterSelect } from '@/components/ui/filter-select';
import { SearchForm } from '@/components/ui/search-form';
import { STACKED_ROW, StackedCell, StackedTable } from '@/components/ui/stacked-table';
import { Pager } from '@/components/ui/table';
import { formatDateTime } from '@/lib/format';
import { VOUCHER_STATUSES, type VoucherStatus } from '@/lib/vouchers/constants';
import { formatMinutes, formatQuotaBytes } from '@/lib/vouchers/format';

type Item = {
  id: string;
  code: string;
  status: VoucherStatus;
  firstLoginAt: string | null;
  expiresAt: string | null;
  usedSeconds: number;
  usedBytes: number;
};
const COLORS: Record<VoucherStatus, 'green' | 'red' | 'amber' | 'blue' | 'slate'> = {
  unused: 'slate',
  active: 'green',
  used: 'amber',
  expired: 'amber',
  disabled: 'red',
};

export function VouchersTable(props: {
  batchId: string;
  items: Item[];
  nextCursor: string | null;
  params: Record<string, string | undefined>;
  manage: boolean;
  timeZone: string;
}) {
  const t = useTranslations();
  const locale = useLocale() === 'en' ? 'en' : 'id';
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const b = (key: string, values?: Record<string, string>) => t(`vouchers.batch.${key}`, values);
  const disable = async (voucherId: string) => {
    const r = await disableVouchersAction({ batchId: props.batchId, voucherId });
    setError(r.ok ? null : r.message);
    router.refresh();
  };
  // "45 menit · 120 MB": only the parts that were used (formatMinutes would say "0 hari").
  const usage = (v: Item) => {
    const minutes = Math.round(v.usedSeconds / 60);
    return (
      [minutes > 0 ? formatMinutes(minutes, locale) : null, v.usedBytes > 0 ? formatQuotaBytes(v.usedBytes) : null]
        .filter(Boolean)
        .join(' · ') || '—'
    );
  };
  return (
    <Card>
      <h2 className="mb-3 font-semibold">{b('vouchers')}</h2>
      <SearchForm q={props.params.q} placeholder={b('searchCode')} submitLabel={t('common.search')}>
        <FilterSelect
          name="status"
          label={t('common.status')}
          value={props.params.status}
          allText={t('vouchers.batches.allStatuses')}
          className="sm:max-w-48"
          options={VOUCHER_STATUSES.map((s) => ({ value: s, label: t(`vouchers.statuses.${s}`) }))}
        />
      </SearchForm>
      {error && <Alert>{error}</Alert>}
      {props.items.length === 0 ? (
        <p className="py-6 text-center text-sm text-slate-500">{b('emptyVouchers')}</p>
      ) : (
        <StackedTable
          variant="inset"
          testId="vouchers-table"
          head={[b('code'), t('common.status'), b('firstLogin'), b('expires'), b('usage'), '']}
        >
          {props.items.map((v) => (
            <tr key={v.id} className={STACKED_ROW.inset} data-testid="voucher-row">
              <StackedCell label={b('code')} className="font-mono font-semibold">
                {v.code}
              </StackedCell>
              <StackedCell label={t('common.status')}>
                <Badge color={COLORS[v.status]}>{t(`vouchers.statuses.${v.status}`)}</Badge>
              </StackedCell>
              {/* On a phone an unused voucher is one short card: lines with nothing to say are left out. */}
              <StackedCell label={b('firstLogin')} className={v.firstLoginAt ? '' : 'hidden md:table-cell'}>
                {v.firstLoginAt ? formatDateTime(v.firstLoginAt, locale, props.timeZone) : '—'}
              </StackedCell>
              <StackedCell label={b('expires')} className={v.expiresAt ? '' : 'hidden md:table-cell'}>
                {v.expiresAt ? formatDateTime(v.expiresAt, locale, props.timeZone) : '—'}
              </StackedCell>
              <StackedCell label={b('usage')} className={v.usedSeconds || v.usedBytes ? '' : 'hidden md:table-cell'}>
                {usage(v)}
              </StackedCell>
              <StackedCell
                className={
                  props.manage && (v.status === 'unused' || v.status === 'active')
                    ? 'col-span-2 md:col-span-1'
                    : 'hidden md:table-cell'
                }
              >
                {props.manage && (v.status === 'unused' || v.status === 'active') && (
                  <ConfirmButton
                    label={b('disable')}
                    message={b('disableConfirm', { code: v.code })}
                    variant="secondary"
                    onConfirm={() => disable(v.id)}
                  />
                )}
              </StackedCell>
            </tr>
          ))}
        </StackedTable>
      )}
      <Pager
        basePath={`/vouchers/batches/${props.batchId}`}
        params={props.params}
        nextCursor={props.nextCursor}
        labels={{ next: t('common.next'), first: t('common.first') }}
      />
    </Card>
  );
}
