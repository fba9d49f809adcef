import { z } from 'zod';
import { GATEWAY_TX_STATUSES } from '@/db/schema';
import { blankAsUndefined } from '@/lib/server/form-input';
import { defineOperation } from '@/lib/server/operation';
import { recheckTransaction, resolveReview } from './manage';
import { getTransaction, listTransactions } from './queries';
import { refundTransaction } from './refund';
import { gatewaySettingsSchema, listGatewaySettings, saveGatewaySettings, testGatewayCredentials } from './settings';
import { GATEWAYS } from './types';

export const listGatewaySettingsOp = defineOperation({
  name: 'payments.listGateways',
  permission: 'payments.gateways',
  input: z.object({}),
  run: (ctx) => listGatewaySettings(ctx.db, ctx.orgId),
});

export const saveGatewaySettingsOp = defineOperation({
  name: 'payments.saveGateway',
  permission: 'payments.gateways',
  input: gatewaySettingsSchema,
  run: (ctx, input) => saveGatewaySettings(ctx.db, { ...ctx.actor, input }),
});

export const testGatewayOp = defineOperation({
  name: 'payments.testGateway',
  permission: 'payments.gateways',
  input: z.object({ gateway: z.enum(GATEWAYS, 'validation.invalid') }),
  run: (ctx, input) => testGatewayCredentials(ctx.db, { ...ctx.actor, gateway: input.gateway }),
});

export const listTransactionsOp = defineOperation({
  name: 'payments.listTransactions',
  permission: 'billing.view',
  input: z.object({
    status: blankAsUndefined(z.enum(GATEWAY_TX_STATUSES)),
    gateway: blankAsUndefined(z.enum(GATEWAYS)),
    q: z
      .string()
      .trim()
      .max(100)
      .optional()
      .transform((v) => v || undefined),
    cursor: z.string().max(200).optional(),
  }),
  run: (ctx, input) => listTransactions(ctx.db, { orgId: ctx.orgId, ...input }),
});

const transactionId = z.object({ transactionId: z.string().uuid('validation.invalid') });

export const getTransactionOp = defineOperation({
  name: 'payments.getTransaction',
  permission: 'billing.view',
  input: transactionId,
  run: (ctx, input) => getTransaction(ctx.db, { orgId: ctx.orgId, transactionId: input.transactionId }),
});

export const recheckTransactionOp = defineOperation({
  name: 'payments.recheck',
  permission: 'payments.approve',
  input: transactionId,
  run: (ctx, input) => recheckTransaction(ctx.db, { ...ctx.actor, transactionId: input.transactionId }),
});

export const refundTransactionOp = defineOperation({
  name: 'payments.refund',
  permission: 'payments.refund',
  input: transactionId.extend({ reason: z.string().trim().min(3, 'validation.reason').max(200, 'validation.reason') }),
  run: (ctx, input) =>
    refundTransaction(ctx.db, { ...ctx.actor, transactionId: input.transactionId, reason: input.reason }),
});

export const resolveReviewOp = defineOperation({
  name: 'payments.resolveReview',
  permission: 'payments.approve',
  input: transactionId.extend({
    decision: z.enum(['accept', 'reject'], 'validation.invalid'),
    note: z.string().trim().min(3, 'validation.reason').max(200, 'validation.reason'),
  }),
  run: async (ctx, input) => {
    const t = await resolveReview(ctx.db, { ...ctx.actor, ...input });
    return { status: t.status };
  },
});
