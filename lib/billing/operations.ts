import { z } from 'zod';
import { INVOICE_STATUSES, PAYMENT_METHODS, PAYMENT_STATUSES } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { enqueue } from '@/lib/jobs/enqueue';
import { getOrganization } from '@/lib/organizations/queries';
import { blankAsUndefined, calendarDay, calendarMonth } from '@/lib/server/form-input';
import { defineOperation } from '@/lib/server/operation';
import { pageLimitSchema } from '@/lib/server/pagination';
import { addCharge, chargeSchema } from './charges';
import { approvePayment, paymentSchema, recordPayment, rejectPayment } from './invoice-payments';
import { runIsolation } from './isolation';
import { billingRun } from './jobs';
import { periodOf } from './money';
import {
  customerBilling,
  getInvoice,
  getPaymentProof,
  INVOICE_AGE_FILTERS,
  listInvoices,
  listPayments,
  paymentsTotal,
} from './queries';
import { getReceipt } from './receipt';
import { buildReport, REPORT_KINDS } from './reports';
import { runBilling } from './run';
import { billingSettingsSchema, getBillingSettings, saveBillingSettings } from './settings';

const periodSchema = calendarDay('validation.period').refine((v) => v.endsWith('-01'), 'validation.period');
const optionalPeriod = blankAsUndefined(periodSchema);

export const listInvoicesOp = defineOperation({
  name: 'billing.listInvoices',
  permission: 'billing.view',
  input: z.object({
    status: blankAsUndefined(z.enum(INVOICE_STATUSES)),
    period: optionalPeriod,
    overdue: blankAsUndefined(z.enum(INVOICE_AGE_FILTERS)),
    q: z
      .string()
      .trim()
      .max(100)
      .optional()
      .transform((v) => v || undefined),
    customerId: z.string().uuid().optional(),
    cursor: z.string().max(200).optional(),
    limit: pageLimitSchema,
  }),
  run: (ctx, input) => listInvoices(ctx.db, { orgId: ctx.orgId, ...input }),
});

export const getInvoiceOp = defineOperation({
  name: 'billing.getInvoice',
  permission: 'billing.view',
  input: z.object({ invoiceId: z.string().uuid('validation.invalid') }),
  // The tax line is labelled with the organization's current rate.
  run: async (ctx, input) => {
    const [detail, settings] = await Promise.all([
      getInvoice(ctx.db, { orgId: ctx.orgId, invoiceId: input.invoiceId }),
      getBillingSettings(ctx.db, ctx.orgId),
    ]);
    return { ...detail, taxPercent: settings.taxPercent };
  },
});

/** A customer's latest invoices and payments, and what they owe now. */
export const customerBillingOp = defineOperation({
  name: 'billing.customer',
  permission: 'billing.view',
  input: z.object({ customerId: z.string().uuid('validation.invalid') }),
  run: (ctx, input) => customerBilling(ctx.db, ctx.orgId, input.customerId),
});

/** The preview: the billing run's exact report, rolled back. */
export const previewBillingOp = defineOperation({
  name: 'billing.preview',
  permission: 'billing.run',
  input: z.object({ period: optionalPeriod }),
  run: async (ctx, input) => {
    const org = await getOrganization(ctx.db, ctx.orgId);
    const period = input.period ?? periodOf(new Date(), org!.timezone);
    return runBilling(ctx.db, { orgId: ctx.orgId, period, actorUserId: ctx.userId, dryRun: true });
  },
});

export const startBillingOp = defineOperation({
  name: 'billing.run',
  permission: 'billing.run',
  input: z.object({ period: periodSchema }),
  run: (ctx, input) =>
    ctx.db.transaction(async (tx) => {
      const job = await enqueue(tx, billingRun, {
        orgId: ctx.orgId,
        payload: { period: input.period, requestedBy: ctx.userId },
        createdBy: ctx.userId,
      });
      await recordAudit(tx, {
        ...ctx.actor,
        action: 'job.created',
        entityType: 'job',
        entityId: job.id,
        data: { type: billingRun.name, period: input.period },
      });
      return { jobId: job.id };
    }),
});

/** The isolation pass's preview: who would be isolated now, and who waits for the notice. */
export const previewIsolationOp = defineOperation({
  name: 'billing.isolationPreview',
  permission: 'billing.run',
  input: z.object({}),
  run: (ctx) => runIsolation(ctx.db, { orgId: ctx.orgId, dryRun: true }),
});

/**
 * The isolation pass by hand: the same rules as the 15-minute tick, run now (for when
 * nothing is left to invoice and finance does not want to wait).
 */
export const runIsolationOp = defineOperation({
  name: 'billing.isolate',
  permission: 'billing.run',
  input: z.object({}),
  run: (ctx) => runIsolation(ctx.db, ctx.actor),
});

export const getBillingSettingsOp = defineOperation({
  name: 'billing.getSettings',
  permission: 'billing.settings',
  input: z.object({}),
  run: (ctx) => getBillingSettings(ctx.db, ctx.orgId),
});

export const saveBillingSettingsOp = defineOperation({
  name: 'billing.saveSettings',
  permission: 'billing.settings',
  input: billingSettingsSchema,
  run: (ctx, input) => saveBillingSettings(ctx.db, { ...ctx.actor, input }),
});

export const addChargeOp = defineOperation({
  name: 'billing.addCharge',
  permission: 'billing.run',
  input: chargeSchema,
  run: (ctx, input) => addCharge(ctx.db, { ...ctx.actor, input }),
});

export const recordPaymentOp = defineOperation({
  name: 'payments.record',
  permission: 'payments.record',
  input: paymentSchema,
  run: (ctx, input) => recordPayment(ctx.db, { ...ctx.actor, input }),
});

export const approvePaymentOp = defineOperation({
  name: 'payments.approve',
  permission: 'payments.approve',
  input: z.object({ paymentId: z.string().uuid('validation.invalid') }),
  run: (ctx, input) => approvePayment(ctx.db, { ...ctx.actor, paymentId: input.paymentId }),
});

export const rejectPaymentOp = defineOperation({
  name: 'payments.reject',
  permission: 'payments.approve',
  input: z.object({
    paymentId: z.string().uuid('validation.invalid'),
    reason: z.string().trim().min(3, 'validation.reason').max(300, 'validation.reason'),
  }),
  run: (ctx, input) => rejectPayment(ctx.db, { ...ctx.actor, ...input }),
});

/** Where a transfer slip is kept; the route handler streams it to finance. */
export const paymentProofOp = defineOperation({
  name: 'payments.proof',
  permission: 'payments.approve',
  input: z.object({ paymentId: z.string().uuid('validation.invalid') }),
  run: (ctx, input) => getPaymentProof(ctx.db, { orgId: ctx.orgId, paymentId: input.paymentId }),
});

const paymentFilterSchema = z.object({
  customerId: z.string().uuid().optional(),
  status: blankAsUndefined(z.enum(PAYMENT_STATUSES, 'validation.invalid')),
  method: blankAsUndefined(z.enum(PAYMENT_METHODS, 'validation.invalid')),
  month: blankAsUndefined(calendarMonth('validation.period')),
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .transform((v) => v || undefined),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

export const listPaymentsOp = defineOperation({
  name: 'payments.list',
  permission: 'billing.view',
  input: paymentFilterSchema,
  run: (ctx, input) => listPayments(ctx.db, { orgId: ctx.orgId, ...input }),
});

/** The payments list's total over every page: how many, and how much was approved. */
export const paymentsTotalOp = defineOperation({
  name: 'payments.total',
  permission: 'billing.view',
  input: paymentFilterSchema.omit({ cursor: true, limit: true }),
  run: (ctx, input) => paymentsTotal(ctx.db, { orgId: ctx.orgId, ...input }),
});

export const getPaymentOp = defineOperation({
  name: 'payments.get',
  permission: 'billing.view',
  input: z.object({ paymentId: z.string().uuid('validation.invalid') }),
  run: (ctx, input) => getReceipt(ctx.db, { orgId: ctx.orgId, paymentId: input.paymentId }),
});

export const reportOp = defineOperation({
  name: 'reports.get',
  permission: 'reports.view',
  input: z.object({ kind: z.enum(REPORT_KINDS, 'validation.invalid') }),
  run: (ctx, input) => buildReport(ctx.db, ctx.orgId, input.kind),
});
