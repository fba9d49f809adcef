import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';
import { Alert, Badge, EmptyState, PageHeader } from '@/components/ui/card';
import { FilterSelect } from '@/components/ui/filter-select';
import { STACKED_ROW, StackedCell, StackedTable } from '@/components/ui/stacked-table';
import { Pager } from '@/components/ui/table';
import { requirePage } from '@/lib/auth/context';
import { formatIDR } from '@/lib/format';
import { executeOperation } from '@/lib/server/operation';
import { VOUCHER_STATUSES, type VoucherStatus } from '@/lib/vouchers/constants';
import { formatMinutes } from '@/lib/vouchers/format';
import { myVouchersOp } from '@/lib/wallet/operations';
import { ShareCode } from '../_components/share-code';

/** The reseller's codes (unused first: those are for sale), each to copy or share with a buyer. */
export default async function MyVouchersPage({
  searchParams,
}: {
  searchParams: Promise<{ batch?: string; status?: string; cursor?: string }>;
}) {
  const { ctx } = await requirePage('wallet.view');
  const t = await getTranslations('wallet.codes');
  const common = await getTranslations('common');
  const statuses = await getTranslations('vouchers.statuses');
  const locale = (await getLocale()) === 'en' ? 'en' : 'id';
  const sp = await searchParams;
  const status = (VOUCHER_STATUSES as readonly string[]).includes(sp.status ?? '')
    ? (sp.status as VoucherStatus)
    : undefined;
  const r = await executeOperation(myVouchersOp, ctx, { batchId: sp.batch, status, cursor: sp.cursor });
  if (!r.ok) return <Alert>{r.message}</Alert>;
  const { items, nextCursor, organization, loginUrl } = r.data;
  const message = (v: (typeof items)[number]) =>
    [
      t('message', {
        organization,
        code: v.code,
        profile: v.profileName,
        validity: formatMinutes(v.validityMinutes, locale),
        price: formatIDR(v.priceRupiah),
      }),
      loginUrl ? t('messageLogin', { url: loginUrl }) : null,
    ]
      .filter(Boolean)
      .join('\n');
  return (
    <div className="space-y-4">
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        actions={
          <Link href="/wallet" className="inline-flex min-h-11 items-center text-sm underline">
            {t('back')}
          </Link>
        }
      />
      <form method="get" className="flex flex-wrap items-end gap-2">
        {sp.batch ? <input type="hidden" name="batch" value={sp.batch} /> : null}
        <FilterSelect
          name="status"
          label={common('status')}
          value={status}
          options={VOUCHER_STATUSES.filter((s) => s !== 'unused').map((s) => ({ value: s, label: statuses(s) }))}
          allText={statuses('unused')}
          testId="codes-status"
        />
        <button type="submit" className={buttonClass('secondary')}>
          {t('show')}
        </button>
      </form>
      {items.length === 0 ? (
        <EmptyState title={t('empty')} hint={t('emptyHint')} />
      ) : (
        <StackedTable head={[t('code'), t('profile'), common('status'), '']} testId="my-codes">
          {items.map((v) => (
            <tr key={v.id} className={STACKED_ROW.page} data-testid="code-row">
              <StackedCell label={t('code')}>
                <span className="font-mono text-base font-semibold" data-testid="code">
                  {v.code}
                </span>
              </StackedCell>
              <StackedCell label={t('profile')}>
                {v.profileName} · {formatIDR(v.priceRupiah)}
              </StackedCell>
              <StackedCell label={common('status')}>
                <Badge color={v.status === 'unused' ? 'green' : 'slate'}>{statuses(v.status)}</Badge>
              </StackedCell>
              <StackedCell className="col-span-2 md:col-span-1">
                <ShareCode code={v.code} message={message(v)} />
              </StackedCell>
            </tr>
          ))}
        </StackedTable>
      )}
      <Pager
        basePath="/wallet/vouchers"
        params={{ batch: sp.batch, status, cursor: sp.cursor }}
        nextCursor={nextCursor}
        labels={{ next: common('next'), first: common('first') }}
      />
    </div>
  );
}
