import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Badge } from '@/components/ui/card';
import { STACKED_ROW, StackedCell, StackedTable } from '@/components/ui/stacked-table';
import { formatCustomerNumber } from '@/lib/customers/constants';
import { formatDateTime, formatIDR } from '@/lib/format';
import type { Locale } from '@/lib/i18n/config';

type PaymentRow = {
  id: string;
  createdAt: Date | string;
  method: 'cash' | 'transfer' | 'gateway';
  amount: number;
  status?: 'pending' | 'approved' | 'rejected' | 'refunded';
  invoices?: string[];
  // The list of all payments names whose they are and who took them.
  customerId?: string;
  customerName?: string;
  customerNumber?: number;
  receivedByName?: string | null;
};

/**
 * Payments with their method and state; the receipt is offered once a payment counts. Cards
 * on a phone, so the amount and the receipt link never sit off the side of the screen.
 */
export async function PaymentsTable({
  payments,
  locale,
  timeZone,
}: {
  payments: PaymentRow[];
  locale: Locale;
  timeZone: string;
}) {
  const t = await getTranslations();
  const withInvoices = payments.some((p) => p.invoices);
  const withCustomer = payments.some((p) => p.customerId);
  return (
    <StackedTable
      testId="payments-table"
      head={[
        ...(withCustomer ? [t('billing.customer')] : []),
        t('audit.when'),
        t('billing.method'),
        t('billing.amount'),
        ...(withInvoices ? [t('billing.invoices')] : []),
        '',
      ]}
    >
      {payments.map((p) => (
        <tr key={p.id} className={STACKED_ROW.page} data-testid="payment-row">
          {withCustomer && (
            <StackedCell className="col-span-2 md:col-span-1">
              <Link
                href={`/customers/${p.customerId}`}
                className="inline-flex min-h-11 items-center font-medium hover:underline md:min-h-0"
              >
                {p.customerName}
              </Link>
              <div className="text-xs text-slate-500">
                {p.customerNumber !== undefined && formatCustomerNumber(p.customerNumber)}
                {p.receivedByName && ` · ${t('billing.receivedBy', { name: p.receivedByName })}`}
              </div>
            </StackedCell>
          )}
          <StackedCell label={t('audit.when')} className="whitespace-nowrap">
            {formatDateTime(p.createdAt, locale, timeZone)}
          </StackedCell>
          <StackedCell label={t('billing.method')}>
            {t(`paymentMethods.${p.method}`)}{' '}
            {p.status && p.status !== 'approved' && (
              <Badge color={p.status === 'pending' ? 'amber' : 'red'}>{t(`paymentStatuses.${p.status}`)}</Badge>
            )}
          </StackedCell>
          <StackedCell label={t('billing.amount')} className="whitespace-nowrap font-medium">
            {formatIDR(p.amount)}
          </StackedCell>
          {withInvoices && (
            <StackedCell label={t('billing.invoices')} className="break-all font-mono text-xs">
              {(p.invoices ?? []).join(', ')}
            </StackedCell>
          )}
          <StackedCell>
            {(!p.status || p.status === 'approved') && (
              <Link
                href={`/receipt/${p.id}`}
                className="inline-flex min-h-11 items-center text-sm underline md:min-h-0"
              >
                {t('billing.receipt')}
              </Link>
            )}
          </StackedCell>
        </tr>
      ))}
    </StackedTable>
  );
}
