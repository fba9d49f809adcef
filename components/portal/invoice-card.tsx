import { getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';
import { Badge } from '@/components/ui/card';
import { formatDate, formatIDR, formatMonth } from '@/lib/format';
import type { Locale } from '@/lib/i18n/config';
import type { PortalInvoice } from '@/lib/portal/billing';
import { InvoiceSlipForm } from './invoice-slip-form';

const STATUS_COLOR = { unpaid: 'red', partial: 'amber', paid: 'green', carried: 'slate', void: 'slate' } as const;

/** One invoice as a card (phone first): number, period, amount, due date, status, pay, PDF and the slip upload. */
export async function InvoiceCard({ invoice, slug, locale }: { invoice: PortalInvoice; slug: string; locale: Locale }) {
  const t = await getTranslations();
  const status = invoice.status as keyof typeof STATUS_COLOR;
  return (
    <li
      className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900"
      data-testid="portal-invoice"
      data-number={invoice.number}
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="break-all font-medium">{invoice.number}</p>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {formatMonth(invoice.period, locale, { month: 'long' })} · {invoice.plan}
          </p>
        </div>
        <Badge color={STATUS_COLOR[status] ?? 'slate'}>{t(`invoiceStatuses.${status}`)}</Badge>
      </div>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p className="text-lg font-semibold" data-testid="portal-invoice-total">
          {formatIDR(invoice.total)}
        </p>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {t('portalSupport.invoices.due', { date: formatDate(invoice.dueDate, locale) })}
        </p>
      </div>
      {invoice.status === 'partial' && (
        <p className="text-sm">{t('portalSupport.invoices.remaining', { amount: formatIDR(invoice.due) })}</p>
      )}
      {invoice.slipPending && (
        <p className="text-sm font-medium text-amber-700 dark:text-amber-300" data-testid="portal-slip-waiting">
          {t('portalSupport.invoices.slipWaiting')}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        {invoice.payable && (
          <a href={`/i/${invoice.token}`} className={buttonClass('primary', 'flex-1')} data-testid="portal-invoice-pay">
            {t('portalSupport.invoices.pay')}
          </a>
        )}
        <a
          href={`/i/${invoice.token}/pdf`}
          className={buttonClass('secondary', 'flex-1')}
          data-testid="portal-invoice-pdf"
          target="_blank"
          rel="noopener"
        >
          {t('portalSupport.invoices.pdf')}
        </a>
      </div>
      {invoice.payable && !invoice.slipPending && <InvoiceSlipForm slug={slug} invoiceId={invoice.id} />}
    </li>
  );
}
