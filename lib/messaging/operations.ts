import { z } from 'zod';
import { MESSAGE_STATUSES, TEMPLATE_CATEGORIES } from '@/db/schema';
import { blankAsUndefined } from '@/lib/server/form-input';
import { defineOperation } from '@/lib/server/operation';
import {
  broadcastChoices,
  broadcastFilterSchema,
  broadcastProgress,
  broadcastSchema,
  countRecipients,
  listBroadcasts,
  setBroadcastStatus,
  startBroadcast,
} from './broadcasts';
import { invoiceShare, sendInvoiceWhatsapp } from './invoice-share';
import {
  listMessages,
  listTemplates,
  messagingSettingsSchema,
  previewTemplate,
  resendMessage,
  resetTemplate,
  saveMessagingSettings,
  saveTemplate,
  setWhatsappOptOut,
  templateSchema,
} from './manage';
import { getMessagingSettings } from './queue';
import { deleteSession, listSessions, relinkSession, requestLogout, saveSession, sessionSchema } from './sessions';

const sessionId = z.object({ sessionId: z.string().uuid('validation.invalid') });
const broadcastId = z.object({ broadcastId: z.string().uuid('validation.invalid') });

export const listSessionsOp = defineOperation({
  name: 'messaging.listSessions',
  permission: 'messaging.manage',
  input: z.object({}),
  run: (ctx) => listSessions(ctx.db, ctx.orgId),
});
export const saveSessionOp = defineOperation({
  name: 'messaging.saveSession',
  permission: 'messaging.manage',
  input: sessionSchema,
  run: (ctx, input) => saveSession(ctx.db, { ...ctx.actor, input }),
});
export const logoutSessionOp = defineOperation({
  name: 'messaging.logoutSession',
  permission: 'messaging.manage',
  input: sessionId,
  run: (ctx, input) => requestLogout(ctx.db, { ...ctx.actor, ...input }),
});
export const relinkSessionOp = defineOperation({
  name: 'messaging.relinkSession',
  permission: 'messaging.manage',
  input: sessionId,
  run: (ctx, input) => relinkSession(ctx.db, { ...ctx.actor, ...input }),
});
export const deleteSessionOp = defineOperation({
  name: 'messaging.deleteSession',
  permission: 'messaging.manage',
  input: sessionId,
  run: (ctx, input) => deleteSession(ctx.db, { ...ctx.actor, ...input }),
});

export const listTemplatesOp = defineOperation({
  name: 'messaging.listTemplates',
  permission: 'messaging.manage',
  input: z.object({}),
  run: (ctx) => listTemplates(ctx.db, ctx.orgId),
});
export const saveTemplateOp = defineOperation({
  name: 'messaging.saveTemplate',
  permission: 'messaging.manage',
  input: templateSchema,
  run: (ctx, input) => saveTemplate(ctx.db, { ...ctx.actor, input }),
});
export const resetTemplateOp = defineOperation({
  name: 'messaging.resetTemplate',
  permission: 'messaging.manage',
  input: z.object({
    category: z.enum(TEMPLATE_CATEGORIES, 'validation.invalid'),
    locale: z.enum(['id', 'en'], 'validation.invalid'),
  }),
  run: (ctx, input) => resetTemplate(ctx.db, { ...ctx.actor, ...input }),
});
export const previewTemplateOp = defineOperation({
  name: 'messaging.previewTemplate',
  permission: 'messaging.view',
  input: z.object({
    category: z.enum(TEMPLATE_CATEGORIES, 'validation.invalid'),
    body: z.string().max(2000, 'validation.tooLong'),
  }),
  run: async (_ctx, input) => previewTemplate(input.category, input.body),
});
export const getMessagingSettingsOp = defineOperation({
  name: 'messaging.getSettings',
  permission: 'messaging.manage',
  input: z.object({}),
  run: (ctx) => getMessagingSettings(ctx.db, ctx.orgId),
});
export const saveMessagingSettingsOp = defineOperation({
  name: 'messaging.saveSettings',
  permission: 'messaging.manage',
  input: messagingSettingsSchema,
  run: (ctx, input) => saveMessagingSettings(ctx.db, { ...ctx.actor, input }),
});

export const listMessagesOp = defineOperation({
  name: 'messaging.listMessages',
  permission: 'messaging.view',
  input: z.object({
    status: blankAsUndefined(z.enum(MESSAGE_STATUSES)),
    category: blankAsUndefined(z.enum(TEMPLATE_CATEGORIES)),
    q: z
      .string()
      .trim()
      .max(100)
      .optional()
      .transform((v) => v || undefined),
    broadcastId: blankAsUndefined(z.string().uuid()),
    customerId: blankAsUndefined(z.string().uuid()),
    cursor: z.string().max(200).optional(),
  }),
  run: (ctx, input) => listMessages(ctx.db, { orgId: ctx.orgId, ...input }),
});
export const resendMessageOp = defineOperation({
  name: 'messaging.resend',
  permission: 'messaging.broadcast',
  input: z.object({ messageId: z.string().uuid('validation.invalid') }),
  run: (ctx, input) => resendMessage(ctx.db, { ...ctx.actor, ...input }),
});

export const broadcastChoicesOp = defineOperation({
  name: 'messaging.broadcastChoices',
  permission: 'messaging.broadcast',
  input: z.object({}),
  run: (ctx) => broadcastChoices(ctx.db, ctx.orgId),
});
export const countRecipientsOp = defineOperation({
  name: 'messaging.countRecipients',
  permission: 'messaging.broadcast',
  input: broadcastFilterSchema,
  run: (ctx, input) => countRecipients(ctx.db, { orgId: ctx.orgId, filter: input }),
});
export const startBroadcastOp = defineOperation({
  name: 'messaging.startBroadcast',
  permission: 'messaging.broadcast',
  input: broadcastSchema,
  run: (ctx, input) => startBroadcast(ctx.db, { ...ctx.actor, input }),
});
export const setBroadcastStatusOp = defineOperation({
  name: 'messaging.setBroadcastStatus',
  permission: 'messaging.broadcast',
  input: broadcastId.extend({ action: z.enum(['pause', 'resume', 'cancel'], 'validation.invalid') }),
  run: (ctx, input) => setBroadcastStatus(ctx.db, { ...ctx.actor, ...input }),
});
export const broadcastProgressOp = defineOperation({
  name: 'messaging.broadcastProgress',
  permission: 'messaging.view',
  input: broadcastId,
  run: (ctx, input) => broadcastProgress(ctx.db, { orgId: ctx.orgId, broadcastId: input.broadcastId }),
});
export const listBroadcastsOp = defineOperation({
  name: 'messaging.listBroadcasts',
  permission: 'messaging.view',
  input: z.object({ cursor: z.string().max(200).optional() }),
  run: (ctx, input) => listBroadcasts(ctx.db, { orgId: ctx.orgId, cursor: input.cursor }),
});

export const setOptOutOp = defineOperation({
  name: 'messaging.setOptOut',
  permission: 'customers.manage',
  input: z.object({
    customerId: z.string().uuid('validation.invalid'),
    optOut: z.preprocess((v) => v === true || v === 'true' || v === 'on', z.boolean()),
  }),
  run: (ctx, input) => setWhatsappOptOut(ctx.db, { ...ctx.actor, ...input }),
});

const invoiceId = z.object({ invoiceId: z.string().uuid('validation.invalid') });
// Whoever sees invoices can share one by hand; queuing through the organization's session
// is for the staff who take payments and chase them.
export const invoiceShareOp = defineOperation({
  name: 'messaging.invoiceShare',
  permission: 'billing.view',
  input: invoiceId,
  run: (ctx, input) => invoiceShare(ctx.db, { orgId: ctx.orgId, invoiceId: input.invoiceId }),
});
export const sendInvoiceOp = defineOperation({
  name: 'messaging.sendInvoice',
  permission: 'payments.record',
  input: invoiceId,
  run: (ctx, input) => sendInvoiceWhatsapp(ctx.db, { ...ctx.actor, invoiceId: input.invoiceId }),
});
