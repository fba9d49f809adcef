import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';
import { Badge, Card } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { localDate } from '@/lib/billing/money';
import { daysOverdue } from '@/lib/billing/overdue';
import { publicInvoice } from '@/lib/billing/public-invoice';
import { formatIDR } from '@/lib/format';
import { checkoutMethods, latestPaymentFor, publicView } from '@/lib/payments/checkout';
import { ComplaintForm } from './complaint-form';
import { OnlinePayment, type PayableMethod } from './online-payment';

export const metadata: Metadata = { robots: { index: false, follow: false } };

/** The customer's invoice page: opened from WhatsApp on a phone, no login. */
export default async function PublicInvoicePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const d = await publicInvoice(getDb(), token);
  if (!d) notFound();
  const t = await getTranslations();
  const outstanding = Math.max(0, d.invoice.total - d.invoice.paidAmount);
  const paid = d.invoice.status === 'paid';
  const payable = ['unpaid', 'partial'].includes(d.invoice.status) && outstanding > 0;
  // The customer sees each method's total with the fee they pay, never the ISP's own costs.
  const methods: PayableMethod[] = payable
    ? (await checkoutMethods(getDb(), { orgId: d.organization.id, amount: outstanding })).map((m) => ({
        gateway: m.gateway,
        code: m.code,
        kind: m.kind,
        label: m.label,
        fee: m.feeBearer === 'customer' ? m.fee : 0,
        total: m.charged,
        sandbox: m.sandbox,
      }))
    : [];
  const latest = await latestPaymentFor(getDb(), d.invoice.id);
  const overdue = daysOverdue(d.invoice, localDate(new Date(), d.organization.timezone ?? 'Asia/Jakarta'));
  return (
    <main className="mx-auto max-w-lg space-y-4 p-4">
      <header>
        {/* biome-ignore lint/performance/noImgElement: a data URL from the organization's own upload */}
        {d.settings.logoDataUrl && <img src={d.settings.logoDataUrl} alt="" className="mb-2 h-12 w-auto" />}
        <p className="text-lg font-bold text-brand-700 dark:text-brand-500">{d.organization.name}</p>
        {d.settings.companyAddress && <p className="text-sm text-slate-500">{d.settings.companyAddress}</p>}
        {d.settings.companyPhone && (
          <a
            href={`tel:${d.settings.companyPhone.replace(/[^0-9+]/g, '')}`}
            className="inline-flex min-h-11 items-center text-sm underline"
          >
            {d.settings.companyPhone}
          </a>
        )}
      </header>
      <Card>
        <div className="flex items-start justify-between gap-2">
          <h1 className="text-xl font-semibold" data-testid="public-invoice-number">
            {t('public.title', { number: d.invoice.number })}
          </h1>
          <span className="shrink-0 whitespace-nowrap">
            <Badge color={paid ? 'green' : overdue > 0 ? 'red' : 'amber'}>
              {t(`invoiceStatuses.${d.invoice.status}`)}
            </Badge>
          </span>
        </div>
        {overdue > 0 && (
          <p
            className="mt-2 rounded-lg bg-red-50 px-3 py-2 text-sm font-semibold text-red-800 dark:bg-red-950 dark:text-red-200"
            data-testid="public-overdue"
          >
            {t('invoiceShare.overdue', { days: overdue })}
          </p>
        )}
        <p className="mt-2 text-sm text-slate-500">{t('public.billedTo')}</p>
        <p className="font-medium">
          {d.customer.name} ({d.customer.number})
        </p>
        <ul className="mt-3 divide-y divide-slate-100 text-sm dark:divide-slate-800">
          {d.items.map((i, n) => (
            <li key={n} className="flex justify-between gap-2 py-2">
              <span>{i.description}</span>
              <span className="whitespace-nowrap">{formatIDR(i.amount)}</span>
            </li>
          ))}
          <li className="flex justify-between py-2 text-slate-500">
            <span>
              {t('billing.taxLine')} {d.settings.taxPercent}%
            </span>
            <span>{formatIDR(d.invoice.tax)}</span>
          </li>
          <li className="flex justify-between py-2 text-base font-semibold">
            <span>{t('billing.total')}</span>
            <span data-testid="public-invoice-total">{formatIDR(d.invoice.total)}</span>
          </li>
        </ul>
        <p className={`mt-2 text-sm ${overdue > 0 ? 'font-semibold text-red-700 dark:text-red-400' : ''}`}>
          {t('billing.due')}:{' '}
          {new Intl.DateTimeFormat('id-ID', { dateStyle: 'long', timeZone: 'UTC' }).format(
            new Date(`${d.invoice.dueDate}T00:00:00Z`),
          )}
          {!paid && (
            <>
              {' · '}
              {t('billing.outstanding')}: <strong>{formatIDR(outstanding)}</strong>
            </>
          )}
        </p>
      </Card>
      <OnlinePayment
        token={token}
        invoiceStatus={d.invoice.status}
        outstanding={outstanding}
        methods={methods}
        latest={latest ? publicView(latest) : null}
      />
      {payable && (
        // Always said, even with no gateway and no bank account set: at least the counter.
        <Card className="space-y-2">
          <h2 className="font-semibold" data-testid="how-to-pay">
            {t('public.howToPay')}
          </h2>
          {methods.length > 0 && <p className="text-sm">{t('public.payOnlineAbove')}</p>}
          {d.settings.bankAccounts && (
            <div>
              <p className="text-sm text-slate-500">{t('public.bankTransfer')}</p>
              <p className="whitespace-pre-line text-sm" data-testid="bank-accounts">
                {d.settings.bankAccounts}
              </p>
            </div>
          )}
          <div>
            <p className="text-sm text-slate-500">{t('public.counter')}</p>
            <p className="whitespace-pre-line text-sm">
              {d.settings.companyAddress
                ? t('public.counterAt', { name: d.organization.name, address: d.settings.companyAddress })
                : t('public.counterAsk', { name: d.organization.name })}
            </p>
          </div>
          <p className="text-xs text-slate-500">{t('public.mentionNumber', { number: d.invoice.number })}</p>
        </Card>
      )}
      <a href={`/i/${token}/pdf`} className={buttonClass('primary', 'w-full')} data-testid="public-pdf">
        {t('billing.pdf')}
      </a>
      <ComplaintForm token={token} />
      {d.settings.footerNote && <p className="text-center text-xs text-slate-500">{d.settings.footerNote}</p>}
    </main>
  );
}
