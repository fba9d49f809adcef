import { z } from 'zod';
import { defineOperation } from '@/lib/server/operation';
import { sendReminders } from './reminders';
import { BULK_STATUS_ACTIONS, changeServiceStatus } from './status';

/** A selection from one page of a list (the page holds at most a few dozen, the limit is generous). */
const BULK_MAX = 500;
const ids = z
  .array(z.string().uuid('validation.invalid'))
  .min(1, 'validation.selection')
  .max(BULK_MAX, 'validation.selection')
  .transform((v) => [...new Set(v)]);

export const remindInvoicesOp = defineOperation({
  name: 'bulk.remindInvoices',
  permission: 'billing.run',
  input: z.object({ ids }),
  run: (ctx, input) => sendReminders(ctx.db, { ...ctx.actor, target: 'invoices', ids: input.ids }),
});

export const remindCustomersOp = defineOperation({
  name: 'bulk.remindCustomers',
  permission: 'billing.run',
  input: z.object({ ids }),
  run: (ctx, input) => sendReminders(ctx.db, { ...ctx.actor, target: 'customers', ids: input.ids }),
});

const statusInput = z.object({ ids, action: z.enum(BULK_STATUS_ACTIONS, 'validation.invalid') });

export const customersStatusOp = defineOperation({
  name: 'bulk.customersStatus',
  permission: 'subscriptions.transition',
  input: statusInput,
  run: (ctx, input) => changeServiceStatus(ctx.db, { ...ctx.actor, target: 'customers', ...input }),
});

export const invoicesStatusOp = defineOperation({
  name: 'bulk.invoicesStatus',
  permission: 'subscriptions.transition',
  input: statusInput,
  run: (ctx, input) => changeServiceStatus(ctx.db, { ...ctx.actor, target: 'invoices', ...input }),
});
