import { randomUUID } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import {
  gatewayTransactions,
  memberships,
  users,
  type WalletEntry,
  walletEntries,
  wallets,
  walletTopupRequests,
} from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { emitRows, walletTopupRows } from '@/lib/events/rows';
import { removeStoredPhoto } from '@/lib/infrastructure/photo-files';
import { settleOwedReversals } from '@/lib/resellers/commissions';
import { AppError } from '@/lib/server/errors';
import { sniffUpload, storeOrgFile } from '@/lib/server/files';
import { afterCursor, decodeCursor, toPage } from '@/lib/server/pagination';
import type { TopupStatus } from './constants';
import { getWalletBalance, lockWallet, postWalletEntry } from './ledger';

type Actor = { orgId: string; actorUserId: string; ip: string | null };

const PROOF_EXT: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
};

/**
 * A reseller asks finance for credit (after a bank transfer, say), with the slip when they
 * have it. Nothing moves yet. The slip is typed by its bytes: a renamed page is refused.
 */
export async function requestTopup(
  db: Db,
  p: Actor & { input: { amount: number; note?: string; proof?: File }; filesDir?: string },
) {
  const type = p.input.proof ? await sniffUpload(p.input.proof) : null;
  if (p.input.proof && !(type && type in PROOF_EXT))
    throw new AppError('validation', {}, { proof: 'validation.proofType' });
  const id = randomUUID();
  // The slip (up to 5 MB) is written before the transaction, not while the wallet row is
  // locked; a transaction that fails takes its file with it.
  const proofPath =
    p.input.proof && type
      ? await storeOrgFile({
          orgId: p.orgId,
          folder: 'topup-proofs',
          name: `${id}.${PROOF_EXT[type]}`,
          file: p.input.proof,
          filesDir: p.filesDir,
        })
      : null;
  try {
    return await db.transaction(async (tx) => {
      // Also proves the requester is a reseller of this organization (else not_found).
      await lockWallet(tx, p.orgId, p.actorUserId);
      const [row] = await tx
        .insert(walletTopupRequests)
        .values({
          id,
          organizationId: p.orgId,
          resellerUserId: p.actorUserId,
          channel: 'manual',
          amount: p.input.amount,
          note: p.input.note ?? null,
          proofPath,
        })
        .returning();
      await recordAudit(tx, {
        orgId: p.orgId,
        actorUserId: p.actorUserId,
        ip: p.ip,
        action: 'wallet.topup_requested',
        entityType: 'wallet_topup_request',
        entityId: row!.id,
        data: { amount: row!.amount, proof: Boolean(proofPath) },
      });
      return row!;
    });
  } catch (error) {
    await removeStoredPhoto(proofPath, p.filesDir);
    throw error;
  }
}

/** A request's transfer slip, for finance (or the reseller who sent it). */
export async function getTopupProof(db: Db, p: { orgId: string; requestId: string; resellerUserId?: string }) {
  const [row] = await db
    .select({ path: walletTopupRequests.proofPath })
    .from(walletTopupRequests)
    .where(
      and(
        eq(walletTopupRequests.id, p.requestId),
        eq(walletTopupRequests.organizationId, p.orgId),
        p.resellerUserId ? eq(walletTopupRequests.resellerUserId, p.resellerUserId) : undefined,
      ),
    );
  if (!row?.path) throw new AppError('not_found');
  return { path: row.path };
}

/**
 * Moves a pending request to approved (crediting the wallet in the same transaction) or
 * rejected. The request row is locked and must still be pending, so two finance staff
 * pressing "approve" at once credit once; the other is told it was already decided.
 * Gateway requests are decided by their payment's settlement only (creditGatewayTopup).
 */
export async function decideTopup(
  db: Db,
  p: Actor & { requestId: string; decision: 'approve' | 'reject'; reason?: string },
) {
  return db.transaction(async (tx) => {
    const [request] = await tx
      .select()
      .from(walletTopupRequests)
      .where(and(eq(walletTopupRequests.id, p.requestId), eq(walletTopupRequests.organizationId, p.orgId)))
      .for('update');
    if (!request) throw new AppError('not_found');
    if (request.status !== 'pending' || request.channel !== 'manual') throw new AppError('topup_not_pending');
    return settleRequest(tx, { ...p, request, approve: p.decision === 'approve', reason: p.reason ?? null });
  });
}

async function settleRequest(
  tx: Db,
  p: {
    orgId: string;
    actorUserId: string | null;
    ip: string | null;
    request: typeof walletTopupRequests.$inferSelect;
    approve: boolean;
    reason: string | null;
    amount?: number;
  },
) {
  const status: TopupStatus = p.approve ? 'approved' : 'rejected';
  const [row] = await tx
    .update(walletTopupRequests)
    .set({ status, decidedBy: p.actorUserId, decidedAt: sql`now()`, reason: p.reason })
    .where(
      and(
        eq(walletTopupRequests.id, p.request.id),
        eq(walletTopupRequests.organizationId, p.orgId),
        eq(walletTopupRequests.status, p.request.status),
      ),
    )
    .returning();
  if (!row) throw new AppError('topup_not_pending');
  const credit = p.amount ?? row.amount;
  const entry =
    p.approve && credit > 0
      ? await postWalletEntry(tx, {
          orgId: p.orgId,
          resellerUserId: row.resellerUserId,
          kind: 'topup',
          amount: credit,
          refType: 'topup_request',
          refId: row.id,
          note: row.channel === 'gateway' ? 'gateway' : (row.note ?? undefined),
          actorUserId: p.actorUserId,
        })
      : null;
  // Commission reversals the wallet could not cover are owed to the organization: a top-up
  // pays them first (the reseller's dashboard shows what is owed), so the balance the event
  // reports is read after they are taken: what the reseller can spend now.
  let balance: number | null = null;
  if (entry) {
    await settleOwedReversals(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      resellerUserId: row.resellerUserId,
    });
    balance = await getWalletBalance(tx, { orgId: p.orgId, resellerUserId: row.resellerUserId });
    await emitRows(tx, {
      orgId: p.orgId,
      type: 'wallet.topped_up',
      rows: walletTopupRows({ orgId: p.orgId, requestId: row.id, credited: credit, balanceAfter: balance }),
    });
  }
  await recordAudit(tx, {
    orgId: p.orgId,
    actorUserId: p.actorUserId,
    ip: p.ip,
    action: p.approve ? 'wallet.topup_approved' : 'wallet.topup_rejected',
    entityType: 'wallet_topup_request',
    entityId: row.id,
    data: {
      amount: row.amount,
      credited: p.approve ? credit : 0,
      channel: row.channel,
      resellerUserId: row.resellerUserId,
      reason: p.reason,
      balanceAfter: entry?.balanceAfter ?? null,
    },
  });
  return { request: row, balance };
}

/**
 * A gateway top-up was paid (its `paid` handler in lib/payments/handlers.ts, inside the
 * settlement's transaction, under the gateway transaction's lock): its request is approved
 * and the wallet credited with the transaction's amount (what was asked, or what finance
 * accepted from a payment held for review, less the fee). An approved request is left alone.
 */
export async function creditGatewayTopup(
  tx: Db,
  p: { orgId: string; gatewayTransactionId: string; amount: number; actorUserId: string | null; ip: string | null },
) {
  const [request] = await tx
    .select()
    .from(walletTopupRequests)
    .where(
      and(
        eq(walletTopupRequests.organizationId, p.orgId),
        eq(walletTopupRequests.gatewayTransactionId, p.gatewayTransactionId),
      ),
    )
    .for('update');
  if (!request) throw new Error(`wallet top-up for gateway transaction ${p.gatewayTransactionId} not found`);
  if (request.status === 'approved') return { request, balance: null };
  // A request closed because the gateway said expired/failed is credited all the same when
  // the money arrives after all: the transaction itself is settled only once.
  return settleRequest(tx, { ...p, request, approve: true, reason: null });
}

/**
 * A paid gateway top-up was refunded at the gateway (its dashboard; our refund button refuses
 * top-ups): the credit goes back out as one negative top-up entry naming the request, unique
 * like the credit itself. A wallet that no longer holds it (spent on vouchers) is not pushed
 * below zero: nothing is taken, and the shortfall is written on the request and in the audit
 * trail for finance to settle with the reseller (an adjustment).
 */
export async function reverseGatewayTopup(
  tx: Db,
  p: { orgId: string; gatewayTransactionId: string; actorUserId: string | null; ip: string | null },
) {
  const [request] = await tx
    .select()
    .from(walletTopupRequests)
    .where(
      and(
        eq(walletTopupRequests.organizationId, p.orgId),
        eq(walletTopupRequests.gatewayTransactionId, p.gatewayTransactionId),
      ),
    )
    .for('update');
  if (request?.status !== 'approved') return 'not_credited' as const;
  const [credit] = await tx
    .select({ amount: walletEntries.amount })
    .from(walletEntries)
    .where(
      and(
        eq(walletEntries.organizationId, p.orgId),
        eq(walletEntries.kind, 'topup'),
        eq(walletEntries.refType, 'topup_request'),
        eq(walletEntries.refId, request.id),
      ),
    );
  if (!credit) return 'not_credited' as const;
  let entry: WalletEntry | null = null;
  try {
    entry = await tx.transaction((sp) =>
      postWalletEntry(sp, {
        orgId: p.orgId,
        resellerUserId: request.resellerUserId,
        kind: 'topup',
        amount: -credit.amount,
        refType: 'topup_refund',
        refId: request.id,
        note: 'refund',
        actorUserId: p.actorUserId,
      }),
    );
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'wallet_insufficient')) throw error;
  }
  await tx
    .update(walletTopupRequests)
    .set({
      reason: entry
        ? 'refunded at the gateway'
        : `refunded at the gateway; ${credit.amount} not recovered from the wallet`,
    })
    .where(eq(walletTopupRequests.id, request.id));
  await recordAudit(tx, {
    orgId: p.orgId,
    actorUserId: p.actorUserId,
    ip: p.ip,
    action: entry ? 'wallet.topup_refunded' : 'wallet.topup_refund_uncovered',
    entityType: 'wallet_topup_request',
    entityId: request.id,
    data: { amount: credit.amount, resellerUserId: request.resellerUserId, balanceAfter: entry?.balanceAfter ?? null },
  });
  return entry ? ('reversed' as const) : ('uncovered' as const);
}

/** Finance corrects a wallet by hand: a signed amount with a mandatory note, audited. */
export async function adjustWallet(
  db: Db,
  p: Actor & { input: { resellerUserId: string; amount: number; note: string } },
) {
  return db.transaction(async (tx) => {
    const entry = await postWalletEntry(tx, {
      orgId: p.orgId,
      resellerUserId: p.input.resellerUserId,
      kind: 'adjustment',
      amount: p.input.amount,
      note: p.input.note,
      actorUserId: p.actorUserId,
    });
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'wallet.adjusted',
      entityType: 'wallet_entry',
      entityId: entry.id,
      data: {
        resellerUserId: p.input.resellerUserId,
        amount: p.input.amount,
        note: p.input.note,
        balanceAfter: entry.balanceAfter,
      },
    });
    return entry;
  });
}

/**
 * Top-up requests, newest first: a reseller's own (resellerUserId set) or all of the
 * organization's (finance), optionally by status.
 */
export async function listTopupRequests(
  db: Db,
  p: { orgId: string; resellerUserId?: string; status?: TopupStatus; cursor?: string; limit?: number },
) {
  const limit = p.limit ?? 25;
  const rows = await db
    .select({
      id: walletTopupRequests.id,
      createdAt: walletTopupRequests.createdAt,
      resellerUserId: walletTopupRequests.resellerUserId,
      resellerName: users.name,
      channel: walletTopupRequests.channel,
      amount: walletTopupRequests.amount,
      note: walletTopupRequests.note,
      hasProof: sql<boolean>`${walletTopupRequests.proofPath} is not null`,
      status: walletTopupRequests.status,
      reason: walletTopupRequests.reason,
      decidedAt: walletTopupRequests.decidedAt,
      gatewayStatus: gatewayTransactions.status,
      gatewayTransactionId: walletTopupRequests.gatewayTransactionId,
    })
    .from(walletTopupRequests)
    .innerJoin(users, eq(users.id, walletTopupRequests.resellerUserId))
    .leftJoin(gatewayTransactions, eq(gatewayTransactions.id, walletTopupRequests.gatewayTransactionId))
    .where(
      and(
        eq(walletTopupRequests.organizationId, p.orgId),
        p.resellerUserId ? eq(walletTopupRequests.resellerUserId, p.resellerUserId) : undefined,
        p.status ? eq(walletTopupRequests.status, p.status) : undefined,
        afterCursor(walletTopupRequests.createdAt, walletTopupRequests.id, decodeCursor(p.cursor)),
      ),
    )
    .orderBy(desc(walletTopupRequests.createdAt), desc(walletTopupRequests.id))
    .limit(limit + 1);
  return toPage(rows, limit);
}

/** Every reseller of the organization with their balance (0 before the first movement). */
export async function listResellerWallets(db: Db, p: { orgId: string }) {
  return db
    .select({
      resellerUserId: memberships.userId,
      name: users.name,
      email: users.email,
      active: memberships.active,
      balance: sql<number>`coalesce(${wallets.balance}, 0)::bigint`.mapWith(Number),
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(
      wallets,
      and(eq(wallets.organizationId, memberships.organizationId), eq(wallets.resellerUserId, memberships.userId)),
    )
    .where(and(eq(memberships.organizationId, p.orgId), eq(memberships.role, 'reseller')))
    .orderBy(users.name);
}

/** A gateway top-up that failed or expired is closed, so it no longer shows as waiting. */
export async function closeGatewayTopup(db: Db, p: { orgId: string; gatewayTransactionId: string; reason: string }) {
  await db
    .update(walletTopupRequests)
    .set({ status: 'rejected', decidedAt: sql`now()`, reason: p.reason })
    .where(
      and(
        eq(walletTopupRequests.organizationId, p.orgId),
        eq(walletTopupRequests.gatewayTransactionId, p.gatewayTransactionId),
        eq(walletTopupRequests.status, 'pending'),
      ),
    );
}
