import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';
import { formatCustomerNumber } from '@/lib/customers/constants';
import { formatDateTime, formatIDR, formatMonth } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { portalReceiptOp } from '@/lib/portal/billing-operations';
import { executePortalOperation } from '@/lib/portal/operation';
import { requirePortal } from '@/lib/portal/request';

/**
 * The receipt of one of the visitor's payments: the counter receipt's facts (lib/billing/receipt.ts)
 * on a phone screen, printable. Another customer's payment is a 404.
 */
export default async function PortalReceiptPage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  const { org, ctx } = await requirePortal(slug);
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const result = await executePortalOperation(portalReceiptOp, ctx, { paymentId: id });
  if (!result.ok) notFound();
  const p = result.data;
  const back = (
    <Link href={`/portal/${org.slug}/payments`} className={buttonClass('secondary', 'w-full')}>
      {t('portalSupport.back')}
    </Link>
  );
  if (!p.approved)
    return (
      <div className="space-y-4 text-center" data-testid="receipt-unavailable">
        <h1 className="text-lg font-semibold">{t('receipt.unavailableTitle')}</h1>
        <p className="text-sm">{t('receipt.unavailable', { status: t(`paymentStatuses.${p.status}`) })}</p>
        {back}
      </div>
    );
  const row = (label: string, value: string, testId?: string) => (
    <div className="flex justify-between gap-3 py-1" data-testid={testId}>
      <dt className="text-slate-600 dark:text-slate-400">{label}</dt>
      <dd className="text-right font-medium break-words">{value}</dd>
    </div>
  );
  const periods = p.periods.map((d) => formatMonth(d, locale, { month: 'long' })).join(', ');
  return (
    <div className="space-y-4" data-testid="portal-receipt">
      <div className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <p className="text-center font-semibold">{p.isp.name}</p>
        {p.isp.address && <p className="whitespace-pre-line text-center text-sm">{p.isp.address}</p>}
        {p.isp.phone && <p className="text-center text-sm">{t('receipt.phone', { phone: p.isp.phone })}</p>}
        <h1 className="mt-3 text-center text-lg font-semibold">{t('portalSupport.payments.receiptTitle')}</h1>
        <p className="text-center font-mono text-sm" data-testid="receipt-number">
          {p.receiptNumber}
        </p>
        <dl className="mt-3 divide-y divide-slate-100 text-sm dark:divide-slate-800">
          {row(t('receipt.date'), formatDateTime(p.createdAt, locale, org.timezone))}
          {row(formatCustomerNumber(p.customerNumber), p.customerName)}
          {p.plans.length > 0 && row(t('receipt.plan'), p.plans.join(', '))}
          {periods && row(t('receipt.period'), periods)}
          {row(t('portalSupport.payments.method'), t(`paymentMethods.${p.method}`))}
          {row(t('portalSupport.payments.amount'), formatIDR(p.amount), 'receipt-amount')}
          {row(
            t('portalSupport.payments.outstanding', { at: formatDateTime(p.outstandingAt, locale, org.timezone) }),
            formatIDR(p.outstanding),
          )}
        </dl>
        <p className="mt-3 text-center text-sm">{t('receipt.thanks')}</p>
      </div>
      {back}
    </div>
  );
}
