import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { ChargeForm } from '@/components/billing/charge-form';
import { PaymentsTable } from '@/components/billing/payments-table';
import { InvoiceStatusBadge } from '@/components/invoice-status-badge';
import { Card } from '@/components/ui/card';
import { STACKED_ROW, StackedCell, StackedTable } from '@/components/ui/stacked-table';
import type { customerBilling } from '@/lib/billing/queries';
import { formatDate, formatIDR } from '@/lib/format';
import type { Locale } from '@/lib/i18n/config';

type Billing = Awaited<ReturnType<typeof customerBilling>>;

/** The customer's recent invoices (cards on a phone) and payments, and a one-off charge for the next invoice. */
export async function BillingSection(props: {
  billing: Billing;
  locale: Locale;
  timeZone: string;
  chargeSubscriptionId: string | null;
}) {
  const t = await getTranslations();
  const { billing, locale } = props;
  return (
    <section id="billing" className="scroll-mt-20 space-y-3" data-testid="customer-billing">
      <h2 className="font-semibold">{t('customerPage.sections.billing')}</h2>
      <h3 className="text-sm font-semibold">{t('billing.invoices')}</h3>
      {billing.invoices.items.length === 0 ? (
        <p className="text-sm text-slate-500">{t('billing.noInvoices')}</p>
      ) : (
        <StackedTable
          testId="customer-invoices"
          head={[
            t('billing.number'),
            t('billing.due'),
            t('billing.total'),
            t('billing.outstanding'),
            t('common.status'),
          ]}
        >
          {billing.invoices.items.map((i) => (
            <tr key={i.id} className={STACKED_ROW.page}>
              <StackedCell className="col-span-2 md:col-span-1">
                <Link
                  href={`/invoices/${i.id}`}
                  className="inline-flex min-h-11 items-center font-mono text-xs underline md:min-h-0"
                >
                  {i.number}
                </Link>
              </StackedCell>
              <StackedCell label={t('billing.due')} className="whitespace-nowrap">
                {formatDate(i.dueDate, locale)}
              </StackedCell>
              <StackedCell label={t('billing.total')} className="whitespace-nowrap">
                {formatIDR(i.total)}
              </StackedCell>
              <StackedCell label={t('billing.outstanding')} className="whitespace-nowrap">
                {formatIDR(Math.max(0, i.total - i.paidAmount))}
              </StackedCell>
              <StackedCell label={t('common.status')}>
                <InvoiceStatusBadge status={i.status} />
              </StackedCell>
            </tr>
          ))}
        </StackedTable>
      )}
      <h3 className="text-sm font-semibold">{t('billing.payments')}</h3>
      {billing.payments.items.length === 0 ? (
        <p className="text-sm text-slate-500">{t('billing.noPayments')}</p>
      ) : (
        <PaymentsTable payments={billing.payments.items} locale={locale} timeZone={props.timeZone} />
      )}
      {props.chargeSubscriptionId && (
        <Card>
          <h3 className="mb-3 font-semibold">{t('billing.addCharge')}</h3>
          <ChargeForm subscriptionId={props.chargeSubscriptionId} />
        </Card>
      )}
    </section>
  );
}
