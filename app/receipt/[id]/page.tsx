import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';
import { requirePage } from '@/lib/auth/context';
import { getPaymentOp } from '@/lib/billing/operations';
import { formatCustomerNumber } from '@/lib/customers/constants';
import { formatDateTime, formatIDR, formatMonth } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { executeOperation } from '@/lib/server/operation';
import { PrintBar } from './print-bar';

/**
 * A counter receipt sized for 58 mm or 80 mm thermal printers: monospace, no shell, printed
 * with the browser's own dialog (the printer's paper width is chosen with ?w=58|80). The bar
 * above it (print, width, back to the customer) is hidden on paper.
 */
export default async function ReceiptPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ w?: string }>;
}) {
  const { info, ctx } = await requirePage('billing.view');
  const { id } = await params;
  const width = (await searchParams).w === '80' ? 80 : 58;
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const result = await executeOperation(getPaymentOp, ctx, { paymentId: id });
  if (!result.ok) notFound();
  const p = result.data;
  const tz = info.org!.timezone;
  // A payment still waiting for finance, rejected or refunded has no receipt to print.
  if (!p.approved)
    return (
      <main className="mx-auto max-w-md space-y-4 p-6 text-center" data-testid="receipt-unavailable">
        <h1 className="text-lg font-semibold">{t('receipt.unavailableTitle')}</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {t('receipt.unavailable', { status: t(`paymentStatuses.${p.status}`) })}
        </p>
        <Link href={`/customers/${p.customerId}`} className={buttonClass('secondary')} data-testid="receipt-back">
          {t('receipt.back')}
        </Link>
      </main>
    );
  // Periods are first days of months: "November 2026", whatever the reader's zone.
  const periods = p.periods.map((d) => formatMonth(d, locale, { month: 'long' })).join(', ');
  const line = (left: string, right: string, testId?: string) => (
    <div className="flex justify-between gap-2" data-testid={testId}>
      <span>{left}</span>
      <span className="text-right">{right}</span>
    </div>
  );
  const rule = <div className="my-1 border-t border-dashed border-black" />;
  return (
    <main className="bg-white p-2 text-black">
      <style>{`@page { size: ${width}mm auto; margin: 2mm; } @media print { .no-print { display: none } body { background: white } }`}</style>
      <PrintBar width={width} backHref={`/customers/${p.customerId}`} />
      <div
        style={{ width: `${width - 4}mm` }}
        className="mx-auto break-words font-mono text-[11px] leading-tight"
        data-testid="receipt"
      >
        <div className="text-center font-bold" data-testid="receipt-isp">
          {p.isp.name}
        </div>
        {p.isp.address && <div className="whitespace-pre-line text-center">{p.isp.address}</div>}
        {p.isp.phone && <div className="text-center">{t('receipt.phone', { phone: p.isp.phone })}</div>}
        {rule}
        <div className="text-center">{t('receipt.title')}</div>
        <div className="text-center font-bold" data-testid="receipt-number">
          {p.receiptNumber}
        </div>
        {rule}
        {line(t('receipt.date'), formatDateTime(p.createdAt, locale, tz))}
        {line(formatCustomerNumber(p.customerNumber), p.customerName)}
        {p.plans.length > 0 && line(t('receipt.plan'), p.plans.join(', '), 'receipt-plan')}
        {periods && line(t('receipt.period'), periods, 'receipt-period')}
        {rule}
        {p.allocations.map((a) => (
          <div key={a.number}>{line(a.number, formatIDR(a.amount))}</div>
        ))}
        {rule}
        <div className="font-bold">{line(t('billing.total'), formatIDR(p.amount))}</div>
        {line(t('billing.method'), t(`paymentMethods.${p.method}`))}
        {p.reference && line(t('billing.reference'), p.reference)}
        {/* Counted when printed, not when paid: a reprint says so. */}
        {line(
          t('receipt.balanceAt', { at: formatDateTime(p.outstandingAt, locale, tz) }),
          formatIDR(p.outstanding),
          'receipt-balance',
        )}
        {p.creditBalance > 0 && line(t('receipt.credit'), formatIDR(p.creditBalance))}
        {line(t('receipt.cashier'), p.receivedByName ?? '—')}
        {rule}
        <div className="text-center">{t('receipt.thanks')}</div>
      </div>
    </main>
  );
}
