import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { requirePage } from '@/lib/auth/context';
import { getPaymentOp } from '@/lib/billing/operations';
import { formatCustomerNumber } from '@/lib/customers/constants';
import { formatDateTime, formatIDR } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { executeOperation } from '@/lib/server/operation';
import { PrintBar } from './print-bar';

/**
 * A counter receipt sized for 58 mm or 80 mm thermal printers: monospace, no shell, printed
 * with the browser's own dialog (the printer's paper width is chosen with ?w=58|80).
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
  const line = (left: string, right: string) => (
    <div className="flex justify-between gap-2">
      <span>{left}</span>
      <span className="text-right">{right}</span>
    </div>
  );
  return (
    <main className="bg-white p-2 text-black">
      <style>{`@page { size: ${width}mm auto; margin: 2mm; } @media print { .no-print { display: none } body { background: white } }`}</style>
      <PrintBar width={width} />
      <div
        style={{ width: `${width - 4}mm` }}
        className="mx-auto font-mono text-[11px] leading-tight"
        data-testid="receipt"
      >
        <div className="text-center font-bold">{info.org!.name}</div>
        <div className="text-center">{t('receipt.title')}</div>
        <div className="my-1 border-t border-dashed border-black" />
        {line(formatDateTime(p.createdAt, locale, info.org!.timezone), '')}
        {line(formatCustomerNumber(p.customerNumber), p.customerName)}
        <div className="my-1 border-t border-dashed border-black" />
        {p.allocations.map((a) => (
          <div key={a.number}>{line(a.number, formatIDR(a.amount))}</div>
        ))}
        <div className="my-1 border-t border-dashed border-black" />
        <div className="font-bold">{line(t('billing.total'), formatIDR(p.amount))}</div>
        {line(t('billing.method'), t(`paymentMethods.${p.method}`))}
        {p.reference && line(t('billing.reference'), p.reference)}
        {p.creditBalance > 0 &&
          line(t('billing.credit', { amount: '' }).replace(/:\s*$/, ''), formatIDR(p.creditBalance))}
        {line(t('receipt.cashier'), p.receivedByName ?? '—')}
        <div className="my-1 border-t border-dashed border-black" />
        <div className="text-center">{t('receipt.thanks')}</div>
      </div>
    </main>
  );
}
