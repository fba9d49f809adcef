import type { Db } from '@/db/client';
import type { GatewayTransaction } from '@/db/schema';

/**
 * What other modules learn about gateway payments. Handlers run inside the transaction that
 * changed the payment, so what they do (pay invoices, credit a wallet) commits or rolls back
 * with it, and happens once because the change itself happens once.
 */
// payment.refunded: the money of a settled payment went back (a refund at the gateway).
// payment.sandbox: a sandbox payment settled; play money, so nothing may be paid with it.
export type PaymentEventName = 'payment.created' | 'payment.completed' | 'payment.failed' | 'payment.refunded' | 'payment.sandbox';
export type PaymentEvent = {
  transaction: GatewayTransaction;
  actorUserId: string | null;
  ip: string | null;
};
/** What a handler wants remembered on the transaction (the payments row it made, say). */
export type PaymentEventResult = { paymentId?: string; summary?: Record<string, unknown> } | void;
type Handler = (tx: Db, event: PaymentEvent) => Promise<PaymentEventResult>;

const handlers: Record<PaymentEventName, { purpose: string; handler: Handler }[]> = {
  'payment.created': [],
  'payment.completed': [],
  'payment.failed': [],
  'payment.refunded': [],
  'payment.sandbox': [],
};

/** Subscribes to an event for transactions of one purpose (`invoice`, later `wallet_topup`). */
export function onPaymentEvent(name: PaymentEventName, purpose: string, handler: Handler) {
  handlers[name].push({ purpose, handler });
}

export async function emitPaymentEvent(tx: Db, name: PaymentEventName, event: PaymentEvent) {
  const results: PaymentEventResult[] = [];
  for (const h of handlers[name]) {
    if (h.purpose === event.transaction.purpose) results.push(await h.handler(tx, event));
  }
  return Object.assign({}, ...results.filter(Boolean)) as Exclude<PaymentEventResult, void>;
}
