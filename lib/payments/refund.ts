import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { gatewayTransactions, invoices, paymentAllocations } from '@/db/schema';
import { AppError } from '@/lib/server/errors';
import { loadGatewayConfig } from './config';
import { gatewayFailure } from './errors';
import { GATEWAY_MODULES } from './gateways';
import { reverseTransactionPayment } from './settle';

type Actor = { actorUserId: string | null; ip: string | null };

/**
 * Gives a settled payment back through the gateway (full amount), then reverses it here.
 * Only gateways with a refund API offer it (Midtrans, Xendit); Tripay and DuitKu refunds are
 * made in their dashboards and reach us as a status.
 */
export async function refundTransaction(db: Db, p: Actor & { orgId: string; transactionId: string; reason: string }) {
  const t = await transactionOf(db, p);
  if (t.status !== 'paid') throw new AppError('payment_not_refundable');
  // A wallet top-up may already be spent on vouchers: finance corrects the wallet by hand
  // (an adjustment) and refunds from the gateway's dashboard, not from here.
  if (t.purpose === 'wallet_topup') throw new AppError('payment_not_refundable');
  const module = GATEWAY_MODULES[t.gateway];
  if (!module.refund) throw new AppError('refund_unsupported', { gateway: module.label });
  const loaded = await loadGatewayConfig(db, { orgId: p.orgId, gateway: t.gateway });
  if (!loaded) throw new AppError('gateway_not_configured', { gateway: module.label });
  // An invoice this payment paid may since have been carried into a newer one; reopening
  // it would not bring the debt back. Finance settles that case by hand.
  if (t.paymentId) {
    const [carried] = await db
      .select({ number: invoices.number })
      .from(paymentAllocations)
      .innerJoin(invoices, eq(invoices.id, paymentAllocations.invoiceId))
      .where(and(eq(paymentAllocations.paymentId, t.paymentId), eq(invoices.status, 'carried')))
      .limit(1);
    if (carried) throw new AppError('refund_invoice_carried', { number: carried.number });
  }
  let refund: { reference: string | null };
  try {
    refund = await module.refund(loaded.config, {
      orderId: t.orderId,
      reference: t.reference,
      amount: t.receivedAmount ?? t.chargedAmount,
      reason: p.reason,
    });
  } catch (error) {
    throw gatewayFailure(error);
  }
  return db.transaction(async (tx) => {
    const locked = await transactionOf(tx, p, true);
    // The gateway's refund notification may have reversed it while we waited.
    if (locked.status !== 'paid') return locked;
    return reverseTransactionPayment(tx, {
      ...p,
      transaction: locked,
      amount: locked.receivedAmount ?? locked.chargedAmount,
      source: 'refund',
      note: `${p.reason} (${refund.reference ?? '-'})`,
    });
  });
}

export async function transactionOf(db: Db, p: { orgId: string; transactionId: string }, lock = false) {
  const q = db
    .select()
    .from(gatewayTransactions)
    .where(and(eq(gatewayTransactions.id, p.transactionId), eq(gatewayTransactions.organizationId, p.orgId)));
  const [t] = lock ? await q.for('update') : await q;
  if (!t) throw new AppError('not_found');
  return t;
}
