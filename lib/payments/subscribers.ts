import { recordGatewayPayment } from '@/lib/billing/invoice-payments';
import { onPaymentEvent } from './events';
// The reseller wallet's handlers for `wallet_topup` payments register on import.
import '@/lib/wallet/subscribers';

/**
 * Who acts on gateway payments. Billing: a settled invoice payment pays the customer's
 * invoices (that one first) and reconnects an isolated subscription with nothing left to
 * pay, by the billing rules. The reseller wallet subscribes to `wallet_topup`
 * (lib/wallet/subscribers.ts).
 */
onPaymentEvent('payment.completed', 'invoice', async (tx, e) => {
  const t = e.transaction;
  const applied = await recordGatewayPayment(tx, {
    orgId: t.organizationId,
    actorUserId: e.actorUserId,
    ip: e.ip,
    customerId: t.customerId!,
    invoiceId: t.invoiceId,
    amount: t.amount,
    reference: `${t.gateway}:${t.reference ?? t.orderId}`,
    note: `${t.gateway} ${t.method} ${t.orderId}`,
  });
  return { paymentId: applied.paymentId, summary: { paidInvoices: applied.paidInvoices, reconnected: applied.reconnected, credit: applied.credit } };
});
