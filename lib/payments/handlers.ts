import type { Db } from '@/db/client';
import type { GATEWAY_TX_PURPOSES, GatewayTransaction } from '@/db/schema';
import { recordGatewayPayment } from '@/lib/billing/invoice-payments';
import { emitRows, gatewayPaymentRows } from '@/lib/events/rows';
import { closeGatewayTopup, creditGatewayTopup, reverseGatewayTopup } from '@/lib/wallet/topups';

/**
 * What other modules do when a gateway payment changes: one table, by what the payment was
 * for (its purpose) and what happened to it. Handlers run inside the transaction that changed
 * the payment, so what they do (pay invoices, credit a wallet) commits or rolls back with it,
 * and happens once because the change itself happens once (under the row lock, see settle.ts).
 * A new purpose does not compile until it says what each outcome does, even if nothing.
 */
export type PaymentPurpose = (typeof GATEWAY_TX_PURPOSES)[number];
// paid: settled with real money. failed: expired, failed, or rejected by finance after review.
// refunded: the money of a paid payment went back (its payments row is reversed by settle.ts
// for every purpose). sandbox: a sandbox payment settled; play money, so nothing may be paid.
export type PaymentOutcome = 'paid' | 'failed' | 'refunded' | 'sandbox';
export type PaymentEvent<P extends PaymentPurpose = PaymentPurpose> = {
  transaction: GatewayTransaction & { purpose: P };
  actorUserId: string | null;
  ip: string | null;
};
/** What a handler wants remembered on the transaction (the payments row it made, say). */
export type HandlerResult = { paymentId?: string; summary?: Record<string, unknown> } | void;
type Handler<P extends PaymentPurpose> = (tx: Db, event: PaymentEvent<P>) => Promise<HandlerResult>;

const PAYMENT_HANDLERS: { [P in PaymentPurpose]: { [O in PaymentOutcome]: Handler<P>[] } } = {
  invoice: {
    // Pays the customer's invoices (the one paid from first) and reconnects an isolated
    // subscription with nothing left to pay, by the billing rules. An unpaid invoice stays open.
    paid: [payInvoices],
    // Tells webhooks and plugins (payment.failed); the invoice itself stays open.
    failed: [emitInvoicePaymentFailed],
    refunded: [],
    sandbox: [],
  },
  // Settlement happens once per transaction, and creditGatewayTopup also refuses a request no
  // longer pending, so retries never credit twice.
  wallet_topup: {
    paid: [creditWallet],
    // The top-up request waiting for the payment is closed with it.
    failed: [closeTopup],
    // Refunded at the gateway (its dashboard): the credit goes back out of the wallet.
    refunded: [reverseWalletCredit],
    // Play money never reaches a wallet: the request is closed, so it does not wait forever.
    sandbox: [closeSandboxTopup],
  },
};

/** Runs the handlers of the payment's purpose for what happened; their results merged. */
export async function runPaymentHandlers(tx: Db, outcome: PaymentOutcome, event: PaymentEvent) {
  const handlers = PAYMENT_HANDLERS[event.transaction.purpose][outcome] as Handler<PaymentPurpose>[];
  const results: HandlerResult[] = [];
  for (const handler of handlers) results.push(await handler(tx, event));
  return Object.assign({}, ...results.filter(Boolean)) as Exclude<HandlerResult, void>;
}

async function payInvoices(tx: Db, e: PaymentEvent<'invoice'>) {
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
    transactionId: t.id,
  });
  return {
    paymentId: applied.paymentId,
    summary: { paidInvoices: applied.paidInvoices, reconnected: applied.reconnected, credit: applied.credit },
  };
}

async function creditWallet(tx: Db, e: PaymentEvent<'wallet_topup'>) {
  const t = e.transaction;
  const done = await creditGatewayTopup(tx, {
    orgId: t.organizationId,
    gatewayTransactionId: t.id,
    amount: t.amount,
    actorUserId: e.actorUserId,
    ip: e.ip,
  });
  return {
    summary: { walletTopup: done.request.id, resellerUserId: done.request.resellerUserId, balance: done.balance },
  };
}

async function closeTopup(tx: Db, e: PaymentEvent<'wallet_topup'>) {
  await closeGatewayTopup(tx, {
    orgId: e.transaction.organizationId,
    gatewayTransactionId: e.transaction.id,
    reason: e.transaction.status,
  });
}

async function closeSandboxTopup(tx: Db, e: PaymentEvent<'wallet_topup'>) {
  await closeGatewayTopup(tx, {
    orgId: e.transaction.organizationId,
    gatewayTransactionId: e.transaction.id,
    reason: 'sandbox',
  });
  return { summary: { walletTopup: 'not credited (sandbox)' } };
}

async function reverseWalletCredit(tx: Db, e: PaymentEvent<'wallet_topup'>) {
  const t = e.transaction;
  const done = await reverseGatewayTopup(tx, {
    orgId: t.organizationId,
    gatewayTransactionId: t.id,
    actorUserId: e.actorUserId,
    ip: e.ip,
  });
  return { summary: { walletTopupReversed: done } };
}

async function emitInvoicePaymentFailed(tx: Db, e: PaymentEvent<'invoice'>) {
  const t = e.transaction;
  // Failed after review: finance rejected a payment the gateway reported differently.
  const reason = t.reviewReason ? 'review_rejected' : t.status === 'expired' ? 'expired' : 'failed';
  await emitRows(tx, {
    orgId: t.organizationId,
    type: 'payment.failed',
    rows: gatewayPaymentRows({ orgId: t.organizationId, transactionId: t.id, reason }),
  });
}
