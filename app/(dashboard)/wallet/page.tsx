import { getLocale, getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';
import { Alert, Badge, Card, EmptyState, PageHeader } from '@/components/ui/card';
import { STACKED_ROW, StackedCell, StackedTable } from '@/components/ui/stacked-table';
import { Pager } from '@/components/ui/table';
import { requirePage } from '@/lib/auth/context';
import { formatDateTime, formatIDR } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { executeOperation } from '@/lib/server/operation';
import { WALLET_ENTRY_KINDS, type WalletEntryKind } from '@/lib/wallet/constants';
import { getWalletOp, listMyBatchesOp, myTopupsOp, purchaseOptionsOp, topupInfoOp } from '@/lib/wallet/operations';
import { BuyVouchers } from './_components/buy-vouchers';
import { KindFilter } from './_components/kind-filter';
import { TopupPanel } from './_components/topup-panel';

// The same PDF route as staff prints (it checks the batch is this reseller's); no loginUrl
// parameter: the organization's hotspot login URL is printed with its QR.
const PART_SIZE = 1000; // lib/vouchers/print.ts PRINT_PART_SIZE (server-only module)
const pdfHref = (batchId: string, format: 'a4' | 'thermal', part = 1) =>
  `/api/vouchers/batches/${batchId}/pdf?format=${format}&part=${part}`;

/** A4 and thermal PDF links of one batch; a batch above 1,000 cards prints in parts. */
function PrintLinks({
  batchId,
  count,
  labels,
}: {
  batchId: string;
  count: number;
  labels: { a4: string; thermal: string; part: (n: number) => string };
}) {
  const parts = Math.max(1, Math.ceil(count / PART_SIZE));
  return (
    <div className="flex flex-wrap gap-2" data-testid="print-batch">
      {Array.from({ length: parts }, (_, i) =>
        (['a4', 'thermal'] as const).map((format) => (
          <a
            key={`${format}-${i}`}
            href={pdfHref(batchId, format, i + 1)}
            target="_blank"
            rel="noopener"
            className={buttonClass('secondary')}
            data-testid={`print-${format}`}
          >
            {labels[format]}
            {parts > 1 ? ` · ${labels.part(i + 1)}` : ''}
          </a>
        )),
      )}
    </div>
  );
}

const TOPUP_COLORS = { pending: 'amber', approved: 'green', rejected: 'red' } as const;

export default async function WalletPage({
  searchParams,
}: {
  searchParams: Promise<{ kind?: string; cursor?: string }>;
}) {
  const { ctx } = await requirePage('wallet.view');
  const t = await getTranslations('wallet');
  const common = await getTranslations('common');
  const locale = toLocale(await getLocale());
  const sp = await searchParams;
  const kind = (WALLET_ENTRY_KINDS as readonly string[]).includes(sp.kind ?? '')
    ? (sp.kind as WalletEntryKind)
    : undefined;
  const [wallet, options, topups, batches, info] = await Promise.all([
    executeOperation(getWalletOp, ctx, { kind, cursor: sp.cursor }),
    executeOperation(purchaseOptionsOp, ctx, {}),
    executeOperation(myTopupsOp, ctx, {}),
    executeOperation(listMyBatchesOp, ctx, {}),
    executeOperation(topupInfoOp, ctx, {}),
  ]);
  if (!wallet.ok) return <Alert>{wallet.message}</Alert>;
  const { balance, entries } = wallet.data;
  const when = (d: Date | null) => formatDateTime(d, locale);
  return (
    <div className="space-y-4">
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <Card>
        <p className="text-sm text-slate-500">{t('balance')}</p>
        <p className="mt-1 text-3xl font-bold" data-testid="wallet-balance">
          {formatIDR(balance)}
        </p>
      </Card>

      <div className="grid gap-4 lg:grid-cols-2">
        {options.ok && <BuyVouchers balance={balance} options={options.data} />}
        <TopupPanel online={info.ok && info.data.online} bankAccounts={info.ok ? info.data.bankAccounts : null} />
      </div>

      <section className="space-y-2" aria-labelledby="ledger-title">
        <div className="flex flex-wrap items-end justify-between gap-2">
          <h2 id="ledger-title" className="text-lg font-semibold">
            {t('ledger')}
          </h2>
          <KindFilter current={kind ?? ''} />
        </div>
        {entries.items.length === 0 ? (
          <EmptyState
            title={kind || sp.cursor ? t('noEntriesFiltered') : t('noEntries')}
            hint={kind ? undefined : t('noEntriesHint')}
          />
        ) : (
          <StackedTable
            head={[t('when'), t('kind'), t('description'), t('amount'), t('balanceAfter')]}
            testId="wallet-ledger"
          >
            {entries.items.map((e) => (
              <tr key={e.id} className={STACKED_ROW.page} data-testid="ledger-row">
                <StackedCell label={t('when')}>{when(e.createdAt)}</StackedCell>
                <StackedCell label={t('kind')}>{t(`kinds.${e.kind}`)}</StackedCell>
                <StackedCell label={t('description')} className="col-span-2 md:col-span-1">
                  {e.note ?? '—'}
                  {e.refType === 'voucher_batch' && e.refId && (
                    <a
                      href={pdfHref(e.refId, 'a4')}
                      target="_blank"
                      rel="noopener"
                      className="ml-2 inline-flex min-h-10 items-center text-brand-700 underline md:min-h-0 dark:text-brand-500"
                    >
                      {t('printCards')}
                    </a>
                  )}
                </StackedCell>
                <StackedCell
                  label={t('amount')}
                  className={`font-medium md:text-right ${e.amount < 0 ? 'text-red-700 dark:text-red-400' : 'text-emerald-700 dark:text-emerald-400'}`}
                >
                  {e.amount > 0 ? '+' : ''}
                  {formatIDR(e.amount)}
                </StackedCell>
                <StackedCell label={t('balanceAfter')} className="md:text-right">
                  {formatIDR(e.balanceAfter)}
                </StackedCell>
              </tr>
            ))}
          </StackedTable>
        )}
        <Pager
          basePath="/wallet"
          params={{ kind, cursor: sp.cursor }}
          nextCursor={entries.nextCursor}
          labels={{ next: common('next'), first: common('first') }}
        />
      </section>

      <div className="grid gap-4 lg:grid-cols-2">
        <section className="space-y-2" aria-labelledby="batches-title">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 id="batches-title" className="text-lg font-semibold">
              {t('myBatches')}
            </h2>
            <a
              href="/wallet/vouchers"
              className="inline-flex min-h-11 items-center text-sm underline"
              data-testid="all-codes"
            >
              {t('codes.all')}
            </a>
          </div>
          {batches.ok && batches.data.items.length > 0 ? (
            <ul className="space-y-2" data-testid="my-batches">
              {batches.data.items.map((b) => (
                <li key={b.id}>
                  <Card className="flex flex-wrap items-center justify-between gap-2">
                    <div className="min-w-0">
                      <p className="font-medium">{t('batchLine', { count: b.count, profile: b.profileName })}</p>
                      <p className="text-xs text-slate-500">
                        {when(b.createdAt)} · {t(`batchStatus.${b.status}`)} · {formatIDR(b.costRupiah * b.count)}
                      </p>
                    </div>
                    <a
                      href={`/wallet/vouchers?batch=${b.id}`}
                      className={buttonClass('secondary')}
                      data-testid="batch-codes"
                    >
                      {t('codes.open')}
                    </a>
                    <PrintLinks
                      batchId={b.id}
                      count={b.count}
                      labels={{
                        a4: t('printA4'),
                        thermal: t('printThermal'),
                        part: (n) => t('printPart', { part: n }),
                      }}
                    />
                  </Card>
                </li>
              ))}
            </ul>
          ) : (
            <EmptyState title={t('noBatches')} hint={t('noBatchesHint')} />
          )}
        </section>
        <section className="space-y-2" aria-labelledby="topups-title">
          <h2 id="topups-title" className="text-lg font-semibold">
            {t('myTopups')}
          </h2>
          {topups.ok && topups.data.items.length > 0 ? (
            <ul className="space-y-2" data-testid="my-topups">
              {topups.data.items.map((r) => (
                <li key={r.id}>
                  <Card className="flex items-start justify-between gap-2">
                    <div className="min-w-0">
                      <p className="font-medium">{formatIDR(r.amount)}</p>
                      <p className="text-xs text-slate-500">
                        {when(r.createdAt)} · {t(`channels.${r.channel}`)}
                        {r.note ? ` · ${r.note}` : ''}
                      </p>
                      {r.hasProof && (
                        <a
                          href={`/api/wallet/topups/${r.id}/proof`}
                          target="_blank"
                          rel="noreferrer"
                          className="inline-flex min-h-11 items-center text-sm text-brand-700 underline md:min-h-0 dark:text-brand-500"
                          data-testid="my-topup-proof"
                        >
                          {t('topup.viewProof')}
                        </a>
                      )}
                      {r.status === 'rejected' && r.reason && (
                        <p className="text-xs text-red-700 dark:text-red-400">
                          {t('rejectedBecause', { reason: r.reason })}
                        </p>
                      )}
                    </div>
                    <Badge color={TOPUP_COLORS[r.status]}>{t(`topupStatus.${r.status}`)}</Badge>
                  </Card>
                </li>
              ))}
            </ul>
          ) : (
            <EmptyState title={t('noTopups')} />
          )}
        </section>
      </div>
    </div>
  );
}
