import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { InvoiceWhatsApp } from '@/components/billing/invoice-whatsapp';
import { PaymentForm } from '@/components/billing/payment-form';
import { PaymentsTable } from '@/components/billing/payments-table';
import { InvoiceStatusBadge } from '@/components/invoice-status-badge';
import { buttonClass } from '@/components/ui/button';
import { Alert, Card, PageHeader } from '@/components/ui/card';
import { CopyButton } from '@/components/ui/copy-button';
import { Table, Td } from '@/components/ui/table';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { localDate } from '@/lib/billing/money';
import { getInvoiceOp } from '@/lib/billing/operations';
import { daysOverdue, isOpenInvoice } from '@/lib/billing/overdue';
import { formatCustomerNumber } from '@/lib/customers/constants';
import { formatDate, formatIDR } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { invoiceShareOp } from '@/lib/messaging/operations';

export default async function InvoicePage({ params }: { params: Promise<{ id: string }> }) {
  const { info, ctx, read } = await requirePage('billing.view');
  const { id } = await params;
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const { invoice, customer, items, payments, taxPercent } = await read(getInvoiceOp, { invoiceId: id });
  const share = await read(invoiceShareOp, { invoiceId: id });
  const outstanding = Math.max(0, invoice.total - invoice.paidAmount);
  const overdue = daysOverdue(invoice, localDate(new Date(), info.org!.timezone));
  return (
    <div className="max-w-3xl space-y-4">
      <PageHeader
        title={`${t('billing.invoice')} ${invoice.number}`}
        subtitle={`${customer.name} · ${formatCustomerNumber(customer.number)}`}
        actions={<InvoiceStatusBadge status={invoice.status} />}
      />
      {overdue > 0 && (
        <Alert>
          <span data-testid="invoice-overdue">{t('invoiceShare.overdue', { days: overdue })}</span>
        </Alert>
      )}
      <div className="flex flex-wrap gap-2">
        <a href={`${new URL(share.link).pathname}/pdf`} className={buttonClass('secondary')} data-testid="invoice-pdf">
          {t('billing.pdf')}
        </a>
        <Link href={`/customers/${customer.id}`} className={buttonClass('ghost')}>
          {t('billing.customer')}
        </Link>
      </div>
      <Card className="space-y-3">
        <div>
          <p className="text-sm text-slate-500">{t('invoiceShare.publicLink')}</p>
          <code className="block break-all text-xs" data-testid="public-link">
            {share.link}
          </code>
        </div>
        {/* Only an invoice still to pay is sent to the customer; a paid one keeps its link to copy. */}
        {isOpenInvoice(invoice.status) ? (
          <InvoiceWhatsApp
            invoiceId={invoice.id}
            share={share}
            canSend={can(ctx.role, 'payments.record')}
            canManageWhatsApp={can(ctx.role, 'messaging.manage')}
          />
        ) : (
          <CopyButton text={share.link} testId="copy-link" />
        )}
      </Card>
      <Table head={[t('billing.items'), t('billing.total')]}>
        {items.map((i, n) => (
          <tr key={n}>
            <Td>{i.description}</Td>
            <Td className="whitespace-nowrap text-right">{formatIDR(i.amount)}</Td>
          </tr>
        ))}
        <tr>
          <Td className="text-right text-slate-500">{t('billing.subtotal')}</Td>
          <Td className="text-right">{formatIDR(invoice.subtotal)}</Td>
        </tr>
        <tr>
          <Td className="text-right text-slate-500">{t('billing.tax', { percent: taxPercent })}</Td>
          <Td className="text-right">{formatIDR(invoice.tax)}</Td>
        </tr>
        <tr>
          <Td className="text-right font-semibold">{t('billing.total')}</Td>
          <Td className="text-right font-semibold">
            <span data-testid="invoice-total">{formatIDR(invoice.total)}</span>
          </Td>
        </tr>
      </Table>
      <p className="text-sm">
        {t('billing.due')}: {formatDate(invoice.dueDate, locale)} · {t('billing.paid')}: {formatIDR(invoice.paidAmount)}{' '}
        · {t('billing.outstanding')}: {formatIDR(outstanding)}
      </p>
      {payments.length > 0 && <PaymentsTable payments={payments} locale={locale} timeZone={info.org!.timezone} />}
      {can(ctx.role, 'payments.record') && isOpenInvoice(invoice.status) && (
        <Card>
          <h2 className="mb-3 font-semibold">{t('billing.recordPayment')}</h2>
          <PaymentForm customerId={customer.id} outstanding={outstanding} />
        </Card>
      )}
    </div>
  );
}
