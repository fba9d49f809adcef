import { and, desc, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { gatewayTransactions, paymentGateways, users, walletTopupRequests } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { env } from '@/lib/env';
import { checkoutMethods, createAtGateway, newOrderId, publicView, waitForCreation } from '@/lib/payments/checkout';
import type { GatewayName } from '@/lib/payments/types';
import { AppError } from '@/lib/server/errors';
import { lockWallet } from './ledger';
import { closeGatewayTopup } from './topups';

const PAYMENT_VALIDITY_HOURS = 24;
const MAX_STARTS_PER_HOUR = 10;

/**
 * A reseller tops up through a payment gateway: the same gateways, methods and fees the
 * organization set up for invoices (checkoutMethods), and the same creation path
 * (createAtGateway). The gateway transaction (purpose `wallet_topup`) and its top-up request
 * are committed together before the gateway is called, so a fast callback finds both.
 * The same amount and method while a payment is still open shows that payment again.
 */
export async function startWalletTopup(
  db: Db,
  p: { orgId: string; resellerUserId: string; amount: number; gateway: string; method: string; ip: string | null },
) {
  const method = (await checkoutMethods(db, { orgId: p.orgId, amount: p.amount })).find(
    (m) => m.gateway === p.gateway && m.code === p.method,
  );
  if (!method) throw new AppError('method_unavailable');
  const gateway = p.gateway as GatewayName;
  const [account] = await db
    .select()
    .from(paymentGateways)
    .where(and(eq(paymentGateways.organizationId, p.orgId), eq(paymentGateways.gateway, gateway)));
  if (!account) throw new AppError('method_unavailable');
  const expiresAt = new Date(Date.now() + PAYMENT_VALIDITY_HOURS * 3600_000);
  // Under the wallet's lock: a double tap makes one gateway bill, and the limit per hour holds.
  const claimed = await db.transaction(async (tx) => {
    await lockWallet(tx, p.orgId, p.resellerUserId);
    const [existing] = await tx
      .select({ t: gatewayTransactions })
      .from(walletTopupRequests)
      .innerJoin(gatewayTransactions, eq(gatewayTransactions.id, walletTopupRequests.gatewayTransactionId))
      .where(
        and(
          eq(walletTopupRequests.organizationId, p.orgId),
          eq(walletTopupRequests.resellerUserId, p.resellerUserId),
          eq(walletTopupRequests.status, 'pending'),
          eq(gatewayTransactions.status, 'pending'),
          eq(gatewayTransactions.gateway, gateway),
          eq(gatewayTransactions.method, p.method),
          eq(gatewayTransactions.amount, p.amount),
          eq(gatewayTransactions.mode, account.mode),
          gt(gatewayTransactions.expiresAt, sql`now() + interval '30 minutes'`),
        ),
      )
      .orderBy(desc(walletTopupRequests.createdAt))
      .limit(1);
    if (existing) return { existing: existing.t };
    const [{ n }] = (await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(walletTopupRequests)
      .where(
        and(
          eq(walletTopupRequests.organizationId, p.orgId),
          eq(walletTopupRequests.resellerUserId, p.resellerUserId),
          eq(walletTopupRequests.channel, 'gateway'),
          gt(walletTopupRequests.createdAt, sql`now() - interval '1 hour'`),
        ),
      )) as [{ n: number }];
    if (n >= MAX_STARTS_PER_HOUR) throw new AppError('too_many_attempts');
    const [created] = await tx
      .insert(gatewayTransactions)
      .values({
        organizationId: p.orgId,
        gateway,
        mode: account.mode,
        orderId: newOrderId(),
        purpose: 'wallet_topup',
        method: p.method,
        amount: p.amount,
        fee: method.fee,
        feeBearer: method.feeBearer,
        chargedAmount: method.charged,
        expiresAt,
        createdBy: p.resellerUserId,
      })
      .returning();
    const [request] = await tx
      .insert(walletTopupRequests)
      .values({
        organizationId: p.orgId,
        resellerUserId: p.resellerUserId,
        channel: 'gateway',
        amount: p.amount,
        gatewayTransactionId: created!.id,
      })
      .returning();
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.resellerUserId,
      ip: p.ip,
      action: 'wallet.topup_requested',
      entityType: 'wallet_topup_request',
      entityId: request!.id,
      data: { amount: p.amount, gateway, method: p.method, orderId: created!.orderId },
    });
    return { created: created! };
  });
  if (claimed.existing)
    return publicView(claimed.existing.reference ? claimed.existing : await waitForCreation(db, claimed.existing.id));
  const [reseller] = await db
    .select({ name: users.name, email: users.email })
    .from(users)
    .where(eq(users.id, p.resellerUserId));
  try {
    const done = await createAtGateway(db, {
      transaction: claimed.created,
      account,
      description: 'Isi saldo dompet reseller',
      itemName: 'Isi saldo',
      customer: { name: reseller!.name, email: reseller!.email, phone: null },
      returnUrl: `${env().APP_URL}/wallet`,
      expiresAt,
      ip: p.ip,
    });
    return publicView(done);
  } catch (error) {
    await closeGatewayTopup(db, {
      orgId: p.orgId,
      gatewayTransactionId: claimed.created.id,
      reason: 'gateway refused',
    });
    throw error;
  }
}

/** The reseller's latest gateway top-up, for the wallet page to poll while they pay. */
export async function latestGatewayTopup(db: Db, p: { orgId: string; resellerUserId: string }) {
  const [row] = await db
    .select({ t: gatewayTransactions })
    .from(walletTopupRequests)
    .innerJoin(gatewayTransactions, eq(gatewayTransactions.id, walletTopupRequests.gatewayTransactionId))
    .where(
      and(eq(walletTopupRequests.organizationId, p.orgId), eq(walletTopupRequests.resellerUserId, p.resellerUserId)),
    )
    .orderBy(desc(walletTopupRequests.createdAt))
    .limit(1);
  return row ? publicView(row.t) : null;
}
