import { z } from 'zod';
import { routerChoices } from '@/lib/network/routers';
import { getOrganization } from '@/lib/organizations/queries';
import { calendarDay } from '@/lib/server/form-input';
import { defineOperation } from '@/lib/server/operation';
import { pageLimitSchema } from '@/lib/server/pagination';
import { generateBatch } from './batches';
import { BATCH_DISPLAY_STATUSES } from './constants';
import { printSchema, voucherPrintData } from './print';
import { listVoucherProfiles, saveVoucherProfile, setVoucherProfileActive } from './profiles';
import { getVoucherBatch, listVoucherBatches, listVouchers, resellerChoices, voucherSales } from './queries';
import { voucherSalesReport } from './report';
import {
  batchIdSchema,
  generateBatchSchema,
  listVouchersSchema,
  profileIdSchema,
  voucherProfileSchema,
} from './schemas';
import { disableVouchers, retryBatchDelivery } from './withdraw';

export const listVoucherProfilesOp = defineOperation({
  name: 'vouchers.listProfiles',
  permission: 'vouchers.view',
  input: z.object({ q: z.string().trim().max(100).optional(), includeInactive: z.boolean().optional() }),
  run: (ctx, input) => listVoucherProfiles(ctx.db, { orgId: ctx.orgId, ...input }),
});

export const saveVoucherProfileOp = defineOperation({
  name: 'vouchers.saveProfile',
  permission: 'vouchers.manage',
  input: voucherProfileSchema,
  run: (ctx, { profileId, ...input }) => saveVoucherProfile(ctx.db, { ...ctx.actor, profileId, input }),
});

export const setVoucherProfileActiveOp = defineOperation({
  name: 'vouchers.setProfileActive',
  permission: 'vouchers.manage',
  input: profileIdSchema.extend({ active: z.boolean() }),
  run: (ctx, input) => setVoucherProfileActive(ctx.db, { ...ctx.actor, ...input }),
});

export const generateVoucherBatchOp = defineOperation({
  name: 'vouchers.generate',
  permission: 'vouchers.manage',
  input: generateBatchSchema,
  run: (ctx, input) => generateBatch(ctx.db, { ...ctx.actor, input }),
});

/** What the generate form offers: the active profiles, the routers to deliver to, the resellers to sell through. */
export const generateChoicesOp = defineOperation({
  name: 'vouchers.generateChoices',
  permission: 'vouchers.manage',
  input: z.object({}),
  run: async (ctx) => {
    const [profiles, routers, resellers] = await Promise.all([
      listVoucherProfiles(ctx.db, { orgId: ctx.orgId }),
      routerChoices(ctx.db, { orgId: ctx.orgId }),
      resellerChoices(ctx.db, { orgId: ctx.orgId }),
    ]);
    return { profiles, routers, resellers };
  },
});

export const listVoucherBatchesOp = defineOperation({
  name: 'vouchers.listBatches',
  permission: 'vouchers.view',
  input: z.object({
    profileId: z.string().uuid('validation.invalid').optional(),
    q: z.string().trim().max(60).optional(),
    status: z.enum(BATCH_DISPLAY_STATUSES).optional(),
    cursor: z.string().max(200).optional(),
    limit: pageLimitSchema,
  }),
  run: (ctx, input) => listVoucherBatches(ctx.db, { orgId: ctx.orgId, ...input }),
});

export const getVoucherBatchOp = defineOperation({
  name: 'vouchers.getBatch',
  permission: 'vouchers.view',
  input: batchIdSchema,
  // The batch page's print form starts from the organization's hotspot login address.
  run: async (ctx, input) => {
    const [batch, org] = await Promise.all([
      getVoucherBatch(ctx.db, { orgId: ctx.orgId, ...input }),
      getOrganization(ctx.db, ctx.orgId),
    ]);
    return { ...batch, hotspotLoginUrl: org?.hotspotLoginUrl ?? null };
  },
});

export const listVouchersOp = defineOperation({
  name: 'vouchers.list',
  permission: 'vouchers.view',
  input: listVouchersSchema,
  run: (ctx, input) => listVouchers(ctx.db, { orgId: ctx.orgId, ...input }),
});

const day = calendarDay('validation.period');

export const voucherSalesOp = defineOperation({
  name: 'vouchers.sales',
  permission: 'vouchers.view',
  input: z.object({ from: day, to: day }),
  run: (ctx, input) => voucherSales(ctx.db, { orgId: ctx.orgId, ...input }),
});

export const voucherSalesReportOp = defineOperation({
  name: 'vouchers.salesReport',
  permission: 'vouchers.view',
  input: z.object({ from: day, to: day }).refine((p) => p.from <= p.to, { path: ['to'], message: 'validation.period' }),
  run: (ctx, input) => voucherSalesReport(ctx.db, { orgId: ctx.orgId, ...input }),
});

/** A lost or stolen voucher (voucherId), or every unused voucher of a batch, withdrawn. */
export const disableVouchersOp = defineOperation({
  name: 'vouchers.disable',
  permission: 'vouchers.manage',
  input: batchIdSchema.extend({ voucherId: z.string().uuid('validation.invalid').optional() }),
  run: (ctx, input) => disableVouchers(ctx.db, { ...ctx.actor, ...input }),
});

export const retryVoucherDeliveryOp = defineOperation({
  name: 'vouchers.retryDelivery',
  permission: 'vouchers.manage',
  input: batchIdSchema,
  run: (ctx, input) => retryBatchDelivery(ctx.db, { ...ctx.actor, ...input }),
});

/**
 * The cards of a batch for the PDF route (decrypted server-side; the print is audited). A
 * reseller prints their own batches through `wallet.printBatch` (lib/wallet/operations.ts).
 */
export const printVouchersOp = defineOperation({
  name: 'vouchers.print',
  permission: 'vouchers.view',
  input: printSchema,
  run: (ctx, input) => voucherPrintData(ctx.db, { ...ctx.actor, input }),
});
