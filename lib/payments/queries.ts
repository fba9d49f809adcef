import { and, asc, desc, eq, ilike, or } from 'drizzle-orm';
import type { Db } from '@/db/client';
import {
  customers,
  type GatewayTxStatus,
  gatewayTransactionEvents,
  gatewayTransactions,
  invoices,
  paymentCallbacks,
  users,
} from '@/db/schema';
import { AppError } from '@/lib/server/errors';
import { afterCursor, decodeCursor, toPage } from '@/lib/server/pagination';
import { contains } from '@/lib/server/search';
import { GATEWAY_MODULES } from './gateways';
import type { GatewayName } from './types';

export type TransactionFilter = {
  orgId: string;
  status?: GatewayTxStatus;
  gateway?: GatewayName;
  q?: string;
  cursor?: string;
  limit?: number;
};

/** Finance's list of gateway transactions, newest first; search by order id, reference, customer, invoice. */
export async function listTransactions(db: Db, f: TransactionFilter) {
  const limit = f.limit ?? 25;
  const rows = await db
    .select({
      id: gatewayTransactions.id,
      gateway: gatewayTransactions.gateway,
      mode: gatewayTransactions.mode,
      orderId: gatewayTransactions.orderId,
      reference: gatewayTransactions.reference,
      method: gatewayTransactions.method,
      amount: gatewayTransactions.amount,
      fee: gatewayTransactions.fee,
      chargedAmount: gatewayTransactions.chargedAmount,
      status: gatewayTransactions.status,
      createdAt: gatewayTransactions.createdAt,
      paidAt: gatewayTransactions.paidAt,
      customerId: gatewayTransactions.customerId,
      customerName: customers.name,
      invoiceNumber: invoices.number,
    })
    .from(gatewayTransactions)
    .leftJoin(customers, eq(customers.id, gatewayTransactions.customerId))
    .leftJoin(invoices, eq(invoices.id, gatewayTransactions.invoiceId))
    .where(
      and(
        eq(gatewayTransactions.organizationId, f.orgId),
        f.status ? eq(gatewayTransactions.status, f.status) : undefined,
        f.gateway ? eq(gatewayTransactions.gateway, f.gateway) : undefined,
        f.q
          ? or(
              ilike(gatewayTransactions.orderId, contains(f.q)),
              ilike(gatewayTransactions.reference, contains(f.q)),
              ilike(customers.name, contains(f.q)),
              ilike(invoices.number, contains(f.q)),
            )
          : undefined,
        afterCursor(gatewayTransactions.createdAt, gatewayTransactions.id, decodeCursor(f.cursor)),
      ),
    )
    .orderBy(desc(gatewayTransactions.createdAt), desc(gatewayTransactions.id))
    .limit(limit + 1);
  return toPage(rows, limit);
}

/** One transaction with its status history and every callback received for it. */
export async function getTransaction(db: Db, p: { orgId: string; transactionId: string }) {
  const [row] = await db
    .select({ transaction: gatewayTransactions, customerName: customers.name, invoiceNumber: invoices.number })
    .from(gatewayTransactions)
    .leftJoin(customers, eq(customers.id, gatewayTransactions.customerId))
    .leftJoin(invoices, eq(invoices.id, gatewayTransactions.invoiceId))
    .where(and(eq(gatewayTransactions.id, p.transactionId), eq(gatewayTransactions.organizationId, p.orgId)));
  if (!row) throw new AppError('not_found');
  const events = await db
    .select({ event: gatewayTransactionEvents, actorName: users.name })
    .from(gatewayTransactionEvents)
    .leftJoin(users, eq(users.id, gatewayTransactionEvents.actorUserId))
    .where(
      and(
        eq(gatewayTransactionEvents.transactionId, p.transactionId),
        eq(gatewayTransactionEvents.organizationId, p.orgId),
      ),
    )
    .orderBy(asc(gatewayTransactionEvents.id));
  const callbacks = await db
    .select()
    .from(paymentCallbacks)
    .where(and(eq(paymentCallbacks.transactionId, p.transactionId), eq(paymentCallbacks.organizationId, p.orgId)))
    .orderBy(desc(paymentCallbacks.id))
    .limit(100);
  const module = GATEWAY_MODULES[row.transaction.gateway];
  return {
    ...row,
    gatewayLabel: module.label,
    methodLabel: module.methods.find((m) => m.code === row.transaction.method)?.label ?? row.transaction.method,
    refundable:
      Boolean(module.refund) && row.transaction.status === 'paid' && row.transaction.purpose !== 'wallet_topup',
    events: events.map((e) => ({ ...e.event, actorName: e.actorName })),
    callbacks,
  };
}
