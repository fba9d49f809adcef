import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { type InvoiceShareData, InvoiceWhatsApp } from '@/components/billing/invoice-whatsapp';
import { PaymentForm } from '@/components/billing/payment-form';
import { InvoiceStatusBadge } from '@/components/invoice-status-badge';
import { StatusBadge } from '@/components/status-badge';
import { Card } from '@/components/ui/card';
import type { SubscriptionStatus } from '@/lib/customers/constants';
import { formatDate, formatIDR } from '@/lib/format';
import type { Locale } from '@/lib/i18n/config';
import { ContactButtons } from './contact-buttons';

type LastInvoice = {
  id: string;
  number: string;
  period: string;
  dueDate: string;
  total: number;
  paidAmount: number;
  status: 'unpaid' | 'partial' | 'paid' | 'carried' | 'void';
};

/**
 * The top of the customer page, what the counter and the field need first: status, plan and
 * balance, contact buttons, "Catat pembayaran", and the last invoice with its WhatsApp button.
 */
export async function Overview(props: {
  locale: Locale;
  customer: {
    id: string;
    name: string;
    phone: string;
    status: SubscriptionStatus;
    creditBalance: number;
    latitude: number | null;
    longitude: number | null;
  };
  plan: { name: string; price: number } | null;
  billing: {
    outstanding: number;
    lastInvoice: LastInvoice | null;
    /** The oldest unpaid or partly paid invoice: the overdue days and the WhatsApp message are about it. */
    oldestOpen: LastInvoice | null;
    share: InvoiceShareData | null;
  } | null;
  overdueDays: number;
  greeting: string;
  canPay: boolean;
  canSend: boolean;
  canManageWhatsApp: boolean;
}) {
  const t = await getTranslations();
  const { customer: c, billing, locale } = props;
  const last = billing?.lastInvoice ?? null;
  const open = billing?.oldestOpen ?? null;
  const pin = c.latitude !== null && c.longitude !== null ? { latitude: c.latitude, longitude: c.longitude } : null;
  return (
    <section id="overview" className="scroll-mt-20 space-y-3" data-testid="customer-overview">
      <Card className="space-y-3">
        <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-3">
          <div>
            <dt className="text-slate-500">{t('common.status')}</dt>
            <dd className="mt-1">
              <StatusBadge status={c.status} />
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">{t('customers.plan')}</dt>
            <dd className="mt-1 font-medium" data-testid="customer-plan">
              {props.plan ? `${props.plan.name} · ${formatIDR(props.plan.price)}` : '—'}
            </dd>
          </div>
          {billing && (
            <div className="col-span-2 sm:col-span-1">
              <dt className="text-slate-500">{t('billing.outstanding')}</dt>
              <dd className="mt-1 text-lg font-semibold">
                <span data-testid="customer-outstanding">{formatIDR(billing.outstanding)}</span>
                {c.creditBalance > 0 && (
                  <span className="block text-xs font-normal text-slate-500">
                    {t('billing.credit', { amount: formatIDR(c.creditBalance) })}
                  </span>
                )}
              </dd>
            </div>
          )}
        </dl>
        {/* The chat opens with the oldest open invoice's message, or a greeting when nothing is owed. */}
        <ContactButtons phone={c.phone} message={billing?.share?.text || props.greeting} pin={pin} />
      </Card>
      {billing && props.canPay && (
        <Card>
          <h2 className="mb-3 font-semibold">{t('billing.recordPayment')}</h2>
          <PaymentForm customerId={c.id} outstanding={billing.outstanding} />
        </Card>
      )}
      {billing && (
        <div data-testid="last-invoice">
          <Card className="space-y-3">
            <div className="flex flex-wrap items-start justify-between gap-2">
              <h2 className="font-semibold">{t('customerPage.lastInvoice')}</h2>
              {last && <InvoiceStatusBadge status={last.status} />}
            </div>
            {last ? (
              <>
                <Link href={`/invoices/${last.id}`} className="block min-h-11 text-sm" data-testid="last-invoice-link">
                  <span className="font-mono text-xs underline">{last.number}</span>
                  <span className="block">
                    {formatIDR(last.total)} · {t('billing.due')} {formatDate(last.dueDate, locale)}
                  </span>
                </Link>
                {open && open.id !== last.id && (
                  <Link
                    href={`/invoices/${open.id}`}
                    className="block min-h-11 text-sm underline"
                    data-testid="oldest-open-invoice"
                  >
                    {t('invoiceShare.oldestOpen', { number: open.number })}
                  </Link>
                )}
                {props.overdueDays > 0 && (
                  <p
                    className="text-sm font-semibold text-red-700 dark:text-red-400"
                    data-testid="last-invoice-overdue"
                  >
                    {t('invoiceShare.overdue', { days: props.overdueDays })}
                  </p>
                )}
                {open && billing.share && (
                  <InvoiceWhatsApp
                    invoiceId={open.id}
                    share={billing.share}
                    canSend={props.canSend}
                    canManageWhatsApp={props.canManageWhatsApp}
                  />
                )}
              </>
            ) : (
              <p className="text-sm text-slate-500">{t('billing.noInvoices')}</p>
            )}
          </Card>
        </div>
      )}
    </section>
  );
}
