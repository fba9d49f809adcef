import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { Badge, Card, EmptyState, PageHeader } from '@/components/ui/card';
import { STACKED_ROW, StackedCell, StackedTable } from '@/components/ui/stacked-table';
import { Pager } from '@/components/ui/table';
import { requirePage } from '@/lib/auth/context';
import { formatDateTime, formatIDR } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { executeOperation } from '@/lib/server/operation';
import { TOPUP_STATUSES, type TopupStatus } from '@/lib/wallet/constants';
import { listResellerWalletsOp, listTopupsOp, resellerLedgerOp } from '@/lib/wallet/operations';
import { AdjustForm } from './_components/adjust-form';
import { DecideButtons } from './_components/decide-buttons';

const COLORS = { pending: 'amber', approved: 'green', rejected: 'red' } as const;

/** Finance: reseller top-up requests to approve or reject, balances, and manual adjustments. */
export default async function ResellerTopupsPage({
  searchParams,
}: {
  searchParams: Promise<{ status?: string; cursor?: string; reseller?: string }>;
}) {
  const { ctx } = await requirePage('wallet.manage');
  const t = await getTranslations('wallet.staff');
  const w = await getTranslations('wallet');
  const common = await getTranslations('common');
  const locale = toLocale(await getLocale());
  const sp = await searchParams;
  const status: TopupStatus | undefined =
    sp.status === 'all'
      ? undefined
      : (TOPUP_STATUSES as readonly string[]).includes(sp.status ?? '')
        ? (sp.status as TopupStatus)
        : 'pending';
  // One cursor in the address: it pages the selected reseller's ledger, else the requests.
  const requestCursor = sp.reseller ? undefined : sp.cursor;
  const [requests, resellers] = await Promise.all([
    executeOperation(listTopupsOp, ctx, { status, cursor: requestCursor }),
    executeOperation(listResellerWalletsOp, ctx, {}),
  ]);
  const selected = resellers.ok ? resellers.data.find((r) => r.resellerUserId === sp.reseller) : undefined;
  const ledger = selected
    ? await executeOperation(resellerLedgerOp, ctx, { resellerUserId: selected.resellerUserId, cursor: sp.cursor })
    : null;
  const when = (d: Date | null) => formatDateTime(d, locale);
  const tabs = ['pending', 'approved', 'rejected', 'all'] as const;
  return (
    <div className="space-y-4">
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <nav className="flex flex-wrap gap-2" aria-label={t('filter')}>
        {tabs.map((s) => {
          const active = (status ?? 'all') === s;
          return (
            <Link
              key={s}
              href={s === 'pending' ? '/resellers/topups' : `/resellers/topups?status=${s}`}
              aria-current={active ? 'page' : undefined}
              className={`inline-flex min-h-11 items-center rounded-full px-3 text-sm ${active ? 'bg-brand-600 text-white' : 'bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200'}`}
            >
              {s === 'all' ? common('all') : w(`topupStatus.${s}`)}
            </Link>
          );
        })}
      </nav>
      {requests.ok && requests.data.items.length > 0 ? (
        <StackedTable
          head={[t('when'), t('reseller'), t('amount'), t('channel'), t('note'), common('status'), common('actions')]}
          testId="topup-requests"
        >
          {requests.data.items.map((r) => (
            <tr key={r.id} className={STACKED_ROW.page} data-testid="topup-request">
              <StackedCell label={t('when')}>{when(r.createdAt)}</StackedCell>
              <StackedCell label={t('reseller')}>{r.resellerName}</StackedCell>
              <StackedCell label={t('amount')} className="font-medium">
                {formatIDR(r.amount)}
              </StackedCell>
              <StackedCell label={t('channel')}>{w(`channels.${r.channel}`)}</StackedCell>
              <StackedCell label={t('note')} className="col-span-2 md:col-span-1">
                {r.note ?? '—'}
                {r.hasProof && (
                  <a
                    href={`/api/wallet/topups/${r.id}/proof`}
                    target="_blank"
                    rel="noreferrer"
                    className="ml-2 inline-flex min-h-11 items-center text-sm text-brand-700 underline md:min-h-0 dark:text-brand-500"
                    data-testid="topup-proof"
                  >
                    {w('topup.viewProof')}
                  </a>
                )}
                {r.reason && <span className="block text-xs text-slate-500">{t('reason', { reason: r.reason })}</span>}
              </StackedCell>
              <StackedCell label={common('status')}>
                <Badge color={COLORS[r.status]}>{w(`topupStatus.${r.status}`)}</Badge>
              </StackedCell>
              <StackedCell className="col-span-2 md:col-span-1">
                {r.status === 'pending' && r.channel === 'manual' ? (
                  <DecideButtons requestId={r.id} reseller={r.resellerName} amount={formatIDR(r.amount)} />
                ) : null}
              </StackedCell>
            </tr>
          ))}
        </StackedTable>
      ) : (
        <EmptyState title={status === 'pending' ? t('noPending') : t('noRequests')} />
      )}
      {requests.ok && (
        <Pager
          basePath="/resellers/topups"
          params={{ status: sp.status, cursor: requestCursor }}
          nextCursor={requests.data.nextCursor}
          labels={{ next: common('next'), first: common('first') }}
        />
      )}

      <section className="grid gap-4 lg:grid-cols-2" aria-labelledby="balances-title">
        <div className="space-y-2">
          <h2 id="balances-title" className="text-lg font-semibold">
            {t('balances')}
          </h2>
          {resellers.ok && resellers.data.length > 0 ? (
            <ul className="space-y-2" data-testid="reseller-balances">
              {resellers.data.map((r) => (
                <li key={r.resellerUserId}>
                  <Link
                    href={`/resellers/topups?reseller=${r.resellerUserId}`}
                    className={`flex items-center justify-between gap-2 rounded-lg border p-3 ${r.resellerUserId === sp.reseller ? 'border-brand-500' : 'border-slate-200 dark:border-slate-800'}`}
                  >
                    <span className="min-w-0">
                      <span className="block font-medium">{r.name}</span>
                      <span className="block truncate text-xs text-slate-500">{r.email}</span>
                    </span>
                    <span className="font-semibold">{formatIDR(r.balance)}</span>
                  </Link>
                </li>
              ))}
            </ul>
          ) : (
            <EmptyState title={t('noResellers')} hint={t('noResellersHint')} />
          )}
        </div>
        {resellers.ok && resellers.data.length > 0 && (
          <Card>
            <AdjustForm
              resellers={resellers.data.map((r) => ({ id: r.resellerUserId, name: r.name }))}
              selected={selected?.resellerUserId}
            />
          </Card>
        )}
      </section>

      {selected && ledger?.ok && (
        <section className="space-y-2" aria-labelledby="staff-ledger-title">
          <h2 id="staff-ledger-title" className="text-lg font-semibold">
            {t('ledgerOf', { name: selected.name })}
          </h2>
          {ledger.data.items.length === 0 ? (
            <EmptyState title={w('noEntries')} />
          ) : (
            <StackedTable
              head={[w('when'), w('kind'), w('description'), w('amount'), w('balanceAfter')]}
              testId="staff-ledger"
            >
              {ledger.data.items.map((e) => (
                <tr key={e.id} className={STACKED_ROW.page}>
                  <StackedCell label={w('when')}>{when(e.createdAt)}</StackedCell>
                  <StackedCell label={w('kind')}>{w(`kinds.${e.kind}`)}</StackedCell>
                  <StackedCell label={w('description')} className="col-span-2 md:col-span-1">
                    {e.note ?? '—'}
                    {e.actorName && <span className="block text-xs text-slate-500">{e.actorName}</span>}
                  </StackedCell>
                  <StackedCell
                    label={w('amount')}
                    className={`font-medium md:text-right ${e.amount < 0 ? 'text-red-700 dark:text-red-400' : 'text-emerald-700 dark:text-emerald-400'}`}
                  >
                    {e.amount > 0 ? '+' : ''}
                    {formatIDR(e.amount)}
                  </StackedCell>
                  <StackedCell label={w('balanceAfter')} className="md:text-right">
                    {formatIDR(e.balanceAfter)}
                  </StackedCell>
                </tr>
              ))}
            </StackedTable>
          )}
          <Pager
            basePath="/resellers/topups"
            params={{ reseller: sp.reseller, cursor: sp.cursor }}
            nextCursor={ledger.data.nextCursor}
            labels={{ next: common('next'), first: common('first') }}
          />
        </section>
      )}
    </div>
  );
}
