import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Badge } from '@/components/ui/card';
import { Table, Td } from '@/components/ui/table';
import { formatDateTime, formatIDR } from '@/lib/format';
import type { Locale } from '@/lib/i18n/config';

type PaymentRow = {
  id: string;
  createdAt: Date | string;
  method: 'cash' | 'transfer' | 'gateway';
  amount: number;
  status?: 'pending' | 'approved' | 'rejected' | 'refunded';
  invoices?: string[];
};

/** Payments with their method and state; the receipt is offered once a payment counts. */
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
  return (
    <Table
      head={[
        t('audit.when'),
        t('billing.method'),
        t('billing.amount'),
        ...(withInvoices ? [t('billing.invoices')] : []),
        '',
      ]}
    >
      {payments.map((p) => (
        <tr key={p.id}>
          <Td className="whitespace-nowrap">{formatDateTime(p.createdAt, locale, timeZone)}</Td>
          <Td>
            {t(`paymentMethods.${p.method}`)}{' '}
            {p.status && p.status !== 'approved' && (
              <Badge color={p.status === 'pending' ? 'amber' : 'red'}>{t(`paymentStatuses.${p.status}`)}</Badge>
            )}
          </Td>
          <Td className="whitespace-nowrap">{formatIDR(p.amount)}</Td>
          {withInvoices && <Td className="font-mono text-xs">{(p.invoices ?? []).join(', ')}</Td>}
          <Td>
            {(!p.status || p.status === 'approved') && (
              <Link href={`/receipt/${p.id}`} className="text-sm underline">
                {t('billing.receipt')}
              </Link>
            )}
          </Td>
        </tr>
      ))}
    </Table>
  );
}
