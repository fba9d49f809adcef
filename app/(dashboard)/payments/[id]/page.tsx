import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { TransactionStatusBadge } from '@/components/payments/transaction-status-badge';
import { Alert, Card, PageHeader } from '@/components/ui/card';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { formatDateTime, formatIDR } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { getTransactionOp } from '@/lib/payments/operations';
import { executeOperation } from '@/lib/server/operation';
import { CallbackList } from './callback-list';
import { StatusHistory } from './status-history';
import { TransactionActions } from './transaction-actions';

/** One gateway payment: what was charged and received, its history and every callback, as is. */
export default async function TransactionPage({ params }: { params: Promise<{ id: string }> }) {
  const { info, ctx } = await requirePage('billing.view');
  const { id } = await params;
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const tz = info.org!.timezone;
  const result = await executeOperation(getTransactionOp, ctx, { transactionId: id });
  if (!result.ok) notFound();
  const {
    transaction: x,
    customerName,
    invoiceNumber,
    gatewayLabel,
    methodLabel,
    refundable,
    events,
    callbacks,
  } = result.data;
  const when = (d: Date | null) => formatDateTime(d, locale, tz);
  const ins = x.instructions;
  const rows: [string, ReactNode][] = [
    [
      t('payments.customer'),
      x.customerId ? (
        <Link key="u" href={`/customers/${x.customerId}`} className="underline">
          {customerName ?? '—'}
        </Link>
      ) : (
        '—'
      ),
    ],
    [
      t('payments.invoice'),
      x.invoiceId ? (
        <Link key="i" href={`/invoices/${x.invoiceId}`} className="font-mono underline">
          {invoiceNumber ?? '—'}
        </Link>
      ) : (
        '—'
      ),
    ],
    [t('payments.method'), `${methodLabel} · ${gatewayLabel} (${t(`payments.modes.${x.mode}`)})`],
    [t('payments.amount'), formatIDR(x.amount)],
    [
      t('payments.fee'),
      `${formatIDR(x.fee)} · ${t('payments.feeBearer')}: ${t(`payments.feeBearers.${x.feeBearer === 'isp' ? 'isp' : 'customer'}`)}`,
    ],
    [
      t('payments.charged'),
      <span key="c" data-testid="transaction-charged">
        {formatIDR(x.chargedAmount)}
      </span>,
    ],
    [t('payments.received'), x.receivedAmount === null ? '—' : formatIDR(x.receivedAmount)],
    [
      t('payments.orderId'),
      <span key="o" className="break-all font-mono text-xs">
        {x.orderId}
      </span>,
    ],
    [
      t('payments.reference'),
      <span key="r" className="break-all font-mono text-xs">
        {x.reference ?? '—'}
      </span>,
    ],
    [t('payments.createdAt'), when(x.createdAt)],
    [t('payments.expiresAt'), when(x.expiresAt)],
    [t('payments.paidAt'), when(x.paidAt)],
  ];
  const instructions: [string, string][] = [
    [t('payments.vaNumber'), ins.vaNumber],
    [t('payments.bank'), ins.bank?.toUpperCase()],
    [t('payments.payCode'), ins.payCode],
    [t('payments.billerCode'), ins.billerCode],
    [t('payments.qrString'), ins.qrString],
    [t('payments.paymentPage'), ins.redirectUrl],
  ].filter((r): r is [string, string] => Boolean(r[1]));
  return (
    <div className="max-w-4xl space-y-4">
      <PageHeader
        title={t('payments.transaction', { orderId: x.orderId })}
        subtitle={`${customerName ?? ''} · ${formatIDR(x.chargedAmount)}`}
        actions={<TransactionStatusBadge status={x.status} />}
      />
      {x.mode === 'sandbox' && (
        <p
          className="rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-200"
          data-testid="sandbox-note"
        >
          {t('payments.sandboxNote')}
        </p>
      )}
      {x.status === 'review' && (
        <Alert>
          <strong>{t('payments.reviewTitle')}</strong>
          {x.reviewReason && (
            <span className="block font-mono text-xs">{`${t('payments.reviewReason')}: ${x.reviewReason}`}</span>
          )}
          <span className="block">{t('payments.reviewHint')}</span>
        </Alert>
      )}
      <TransactionActions
        transactionId={x.id}
        amountText={formatIDR(x.receivedAmount ?? x.chargedAmount)}
        refundText={formatIDR(x.chargedAmount)}
        gatewayLabel={gatewayLabel}
        can={{
          recheck: can(ctx.role, 'payments.approve'),
          refund: can(ctx.role, 'payments.refund') && refundable,
          review: can(ctx.role, 'payments.approve') && x.status === 'review',
        }}
      />
      <Card>
        <dl
          className="grid grid-cols-[7.5rem_1fr] gap-x-3 gap-y-2 text-sm sm:grid-cols-[12rem_1fr] sm:gap-x-4"
          data-testid="transaction-details"
        >
          {rows.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="text-slate-500">{label}</dt>
              <dd className="min-w-0">{value}</dd>
            </div>
          ))}
        </dl>
      </Card>
      {instructions.length > 0 && (
        <Card>
          <h2 className="mb-2 font-semibold">{t('payments.instructions')}</h2>
          <dl className="grid grid-cols-[7.5rem_1fr] gap-x-3 gap-y-2 text-sm sm:grid-cols-[12rem_1fr] sm:gap-x-4">
            {instructions.map(([label, value]) => (
              <div key={label} className="contents">
                <dt className="text-slate-500">{label}</dt>
                <dd className="min-w-0 break-all font-mono text-xs">{value}</dd>
              </div>
            ))}
          </dl>
        </Card>
      )}
      <StatusHistory events={events} locale={locale} timeZone={tz} />
      <CallbackList callbacks={callbacks} locale={locale} timeZone={tz} />
    </div>
  );
}
