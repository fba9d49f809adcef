import { z } from 'zod';
import {
  extendPrepaid,
  listPortalInvoices,
  listPortalPayments,
  portalPrepaid,
  portalReceipt,
  submitPortalSlip,
} from './billing';
import { definePortalOperation } from './operation';

const id = z.string().uuid('validation.invalid');
/** "Load more" pages: the first n pages at once (a long history is still one query). */
const page = z.object({ page: z.coerce.number().int().min(1).max(50).catch(1).default(1) });

export const portalInvoicesOp = definePortalOperation({
  name: 'portal.invoices',
  input: page,
  run: (ctx, input) => listPortalInvoices(ctx.db, { ...ctx, ...input }),
});

export const portalPaymentsOp = definePortalOperation({
  name: 'portal.payments',
  input: page,
  run: (ctx, input) => listPortalPayments(ctx.db, { ...ctx, ...input }),
});

export const portalReceiptOp = definePortalOperation({
  name: 'portal.receipt',
  input: z.object({ paymentId: id }),
  run: (ctx, input) => portalReceipt(ctx.db, { ...ctx, ...input }),
});

export const portalSendSlipOp = definePortalOperation({
  name: 'portal.sendSlip',
  input: z.object({ invoiceId: id, file: z.instanceof(File, { message: 'validation.proofRequired' }) }),
  run: (ctx, input) => submitPortalSlip(ctx.db, ctx, input),
});

export const portalPrepaidOp = definePortalOperation({
  name: 'portal.prepaid',
  input: z.object({}),
  run: (ctx) => portalPrepaid(ctx.db, ctx),
});

export const portalExtendOp = definePortalOperation({
  name: 'portal.extendPrepaid',
  input: z.object({ subscriptionId: id }),
  run: (ctx, input) => extendPrepaid(ctx.db, ctx, input),
});
