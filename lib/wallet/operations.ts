import { z } from 'zod';
import { checkoutMethods } from '@/lib/payments/checkout';
import { defineOperation } from '@/lib/server/operation';
import { VOUCHER_STATUSES } from '@/lib/vouchers/constants';
import { printSchema, voucherPrintData } from '@/lib/vouchers/print';
import { TOPUP_MAX, TOPUP_MIN } from './constants';
import { latestGatewayTopup, startWalletTopup } from './gateway-topup';
import { buyVouchers, listResellerBatches, purchaseOptions } from './purchase';
import { getWallet, listWalletEntries } from './queries';
import { listResellerVouchers, walletTopupInfo } from './reseller-vouchers';
import {
  adjustWalletSchema,
  buyVouchersSchema,
  decideTopupSchema,
  gatewayTopupSchema,
  listEntriesSchema,
  listTopupsSchema,
  resellerWalletSchema,
  topupRequestSchema,
} from './schemas';
import {
  adjustWallet,
  decideTopup,
  getTopupProof,
  listResellerWallets,
  listTopupRequests,
  requestTopup,
} from './topups';

/*
 * `wallet.view` operations act on the signed-in reseller's own wallet only: the reseller is
 * always ctx.userId, never an input, so no input can reach another reseller's money.
 * `wallet.manage` operations are finance's, across the organization's resellers.
 */
const self = (ctx: { orgId: string; userId: string }) => ({ orgId: ctx.orgId, resellerUserId: ctx.userId });
const cursor = z.string().max(200).optional();

export const getWalletOp = defineOperation({
  name: 'wallet.get',
  permission: 'wallet.view',
  input: listEntriesSchema,
  run: (ctx, input) => getWallet(ctx.db, { ...self(ctx), ...input }),
});

export const purchaseOptionsOp = defineOperation({
  name: 'wallet.purchaseOptions',
  permission: 'wallet.view',
  input: z.object({}),
  run: (ctx) => purchaseOptions(ctx.db, { orgId: ctx.orgId }),
});

export const buyVouchersOp = defineOperation({
  name: 'wallet.buyVouchers',
  permission: 'wallet.view',
  input: buyVouchersSchema,
  run: (ctx, input) => buyVouchers(ctx.db, { ...self(ctx), ip: ctx.ip, input }),
});

export const listMyBatchesOp = defineOperation({
  name: 'wallet.batches',
  permission: 'wallet.view',
  input: z.object({ cursor }),
  run: (ctx, input) => listResellerBatches(ctx.db, { ...self(ctx), ...input }),
});

/**
 * The PDF of a batch the reseller bought (same A4 / thermal cards as staff print, through
 * /api/vouchers/batches/[id]/pdf); any other batch is not found. Decrypted server-side, audited.
 */
export const printMyBatchOp = defineOperation({
  name: 'wallet.printBatch',
  permission: 'wallet.view',
  input: printSchema,
  run: (ctx, input) => voucherPrintData(ctx.db, { ...ctx.actor, input, resellerUserId: ctx.userId }),
});

export const requestTopupOp = defineOperation({
  name: 'wallet.requestTopup',
  permission: 'wallet.view',
  input: topupRequestSchema,
  run: (ctx, input) => requestTopup(ctx.db, { ...ctx.actor, input }),
});

export const myTopupsOp = defineOperation({
  name: 'wallet.myTopups',
  permission: 'wallet.view',
  input: z.object({ cursor }),
  run: (ctx, input) => listTopupRequests(ctx.db, { ...self(ctx), ...input }),
});

/** The organization's gateway methods with their fees for this amount (as on the invoice page). */
export const topupMethodsOp = defineOperation({
  name: 'wallet.topupMethods',
  permission: 'wallet.view',
  input: z.object({ amount: z.coerce.number().int().min(TOPUP_MIN).max(TOPUP_MAX) }),
  run: (ctx, input) => checkoutMethods(ctx.db, { orgId: ctx.orgId, amount: input.amount }),
});

export const startGatewayTopupOp = defineOperation({
  name: 'wallet.startGatewayTopup',
  permission: 'wallet.view',
  input: gatewayTopupSchema,
  run: (ctx, input) => startWalletTopup(ctx.db, { ...self(ctx), ...input, ip: ctx.ip }),
});

export const latestGatewayTopupOp = defineOperation({
  name: 'wallet.latestGatewayTopup',
  permission: 'wallet.view',
  input: z.object({}),
  run: (ctx) => latestGatewayTopup(ctx.db, self(ctx)),
});

export const listTopupsOp = defineOperation({
  name: 'wallet.listTopups',
  permission: 'wallet.manage',
  input: listTopupsSchema,
  run: (ctx, input) => listTopupRequests(ctx.db, { orgId: ctx.orgId, ...input }),
});

export const decideTopupOp = defineOperation({
  name: 'wallet.decideTopup',
  permission: 'wallet.manage',
  input: decideTopupSchema,
  run: (ctx, input) => decideTopup(ctx.db, { ...ctx.actor, ...input }),
});

export const adjustWalletOp = defineOperation({
  name: 'wallet.adjust',
  permission: 'wallet.manage',
  input: adjustWalletSchema,
  run: (ctx, input) => adjustWallet(ctx.db, { ...ctx.actor, input }),
});

export const listResellerWalletsOp = defineOperation({
  name: 'wallet.resellers',
  permission: 'wallet.manage',
  input: z.object({}),
  run: (ctx) => listResellerWallets(ctx.db, { orgId: ctx.orgId }),
});

export const resellerLedgerOp = defineOperation({
  name: 'wallet.resellerLedger',
  permission: 'wallet.manage',
  input: resellerWalletSchema,
  run: (ctx, input) => listWalletEntries(ctx.db, { orgId: ctx.orgId, ...input }),
});

/** Whether a gateway is on (else the manual transfer opens first) and where to transfer to. */
export const topupInfoOp = defineOperation({
  name: 'wallet.topupInfo',
  permission: 'wallet.view',
  input: z.object({}),
  run: (ctx) => walletTopupInfo(ctx.db, { orgId: ctx.orgId }),
});

/** The reseller's own codes, to copy or share one with a buyer. */
export const myVouchersOp = defineOperation({
  name: 'wallet.vouchers',
  permission: 'wallet.view',
  input: z.object({
    batchId: z.preprocess((v) => (v === '' ? undefined : v), z.string().uuid('validation.invalid').optional()),
    status: z.preprocess((v) => (v === '' ? undefined : v), z.enum(VOUCHER_STATUSES).optional()),
    cursor,
  }),
  run: (ctx, input) => listResellerVouchers(ctx.db, { ...self(ctx), ...input }),
});

/** A top-up request's transfer slip, for finance deciding it. */
export const topupProofOp = defineOperation({
  name: 'wallet.topupProof',
  permission: 'wallet.manage',
  input: z.object({ requestId: z.string().uuid('validation.invalid') }),
  run: (ctx, input) => getTopupProof(ctx.db, { orgId: ctx.orgId, ...input }),
});

/** The reseller's own transfer slip, to check what they sent (another reseller's: not found). */
export const myTopupProofOp = defineOperation({
  name: 'wallet.myTopupProof',
  permission: 'wallet.view',
  input: z.object({ requestId: z.string().uuid('validation.invalid') }),
  run: (ctx, input) => getTopupProof(ctx.db, { ...self(ctx), ...input }),
});
