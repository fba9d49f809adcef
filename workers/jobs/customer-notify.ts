import { and, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { invoices, paymentAllocations, payments, plans, subscriptions, type AutoMessage, type TemplateCategory } from '@/db/schema';
import { decryptSecret } from '@/lib/crypto';
import { formatDateTime, formatIDR } from '@/lib/format';
import { defineJob } from '@/lib/jobs/runtime';
import { invoiceValues } from '@/lib/messaging/automatic';
import { getMessagingSettings, queueCustomerMessage } from '@/lib/messaging/queue';
import type { TemplateValues } from '@/lib/messaging/templates';
import { paymentMethodWord } from '@/lib/messaging/payment-words';

const EVENTS = {
  isolated: { category: 'isolation', auto: 'isolation' },
  reconnected: { category: 'reconnection', auto: 'reconnection' },
  invoice: { category: 'invoice', auto: 'invoice' },
  payment_received: { category: 'payment_received', auto: 'payment_received' },
  welcome: { category: 'welcome', auto: 'welcome' },
} as const satisfies Record<string, { category: TemplateCategory; auto: AutoMessage }>;

/**
 * Tells the customer about an event by WhatsApp: renders the organization's template and
 * queues the message (the dispatcher sends it). Keyed by the job, so a retried job queues
 * it once.
 */
export const customerNotify = defineJob({
  name: 'customer-notify',
  payload: z.object({
    customerId: z.string().uuid(),
    subscriptionId: z.string().uuid().optional(),
    event: z.enum(['isolated', 'reconnected', 'invoice', 'payment_received', 'welcome']),
    paymentId: z.string().uuid().optional(),
  }),
  async handler(ctx, payload) {
    const { category, auto } = EVENTS[payload.event];
    const values = await eventValues(ctx, payload);
    const result = await queueCustomerMessage(ctx.db, { orgId: ctx.orgId, customerId: payload.customerId, category, auto, eventKey: eventKeyOf(payload, ctx.jobId), values });
    await ctx.progress(1, 1);
    return { event: payload.event, ...result };
  },
});

/**
 * What makes the message once-only: the payment or the subscription's first activation
 * where there is one; otherwise the job (each isolation or reconnection is its own job).
 */
function eventKeyOf(p: { event: string; paymentId?: string; subscriptionId?: string }, jobId: string) {
  if (p.event === 'payment_received' && p.paymentId) return `payment_received:${p.paymentId}`;
  if (p.event === 'welcome' && p.subscriptionId) return `welcome:${p.subscriptionId}`;
  return `notify:${jobId}`;
}

async function eventValues(
  ctx: { db: Parameters<typeof getMessagingSettings>[0]; orgId: string },
  p: { customerId: string; subscriptionId?: string; event: keyof typeof EVENTS; paymentId?: string },
): Promise<TemplateValues> {
  const { locale } = await getMessagingSettings(ctx.db, ctx.orgId);
  const values: TemplateValues = {};
  if (p.subscriptionId) {
    const [sub] = await ctx.db
      .select({ username: subscriptions.serviceUsername, passwordEnc: subscriptions.servicePasswordEnc, plan: plans.name })
      .from(subscriptions)
      .innerJoin(plans, eq(plans.id, subscriptions.planId))
      .where(and(eq(subscriptions.id, p.subscriptionId), eq(subscriptions.organizationId, ctx.orgId)));
    if (sub) {
      Object.assign(values, { 'service.username': sub.username, 'service.plan': sub.plan });
      // Only the welcome message carries the password.
      if (p.event === 'welcome') values['service.password'] = decryptSecret(sub.passwordEnc);
    }
  }
  if (p.event === 'isolated' || p.event === 'invoice') {
    const [open] = await ctx.db
      .select()
      .from(invoices)
      .where(and(eq(invoices.customerId, p.customerId), eq(invoices.organizationId, ctx.orgId), inArray(invoices.status, ['unpaid', 'partial'])))
      .orderBy(desc(invoices.period), desc(invoices.createdAt), desc(invoices.id))
      .limit(1);
    if (open) Object.assign(values, invoiceValues(open, locale));
  }
  if (p.event === 'payment_received' && p.paymentId) {
    const [pay] = await ctx.db.select().from(payments).where(and(eq(payments.id, p.paymentId), eq(payments.organizationId, ctx.orgId)));
    if (pay) {
      const [first] = await ctx.db
        .select({ number: invoices.number })
        .from(paymentAllocations)
        .innerJoin(invoices, eq(invoices.id, paymentAllocations.invoiceId))
        .where(eq(paymentAllocations.paymentId, pay.id))
        .limit(1);
      Object.assign(values, {
        'payment.amount': formatIDR(pay.amount),
        'payment.date': formatDateTime(pay.createdAt, locale),
        'payment.method': paymentMethodWord(locale, pay.method, pay.note),
        'invoice.number': first?.number,
      });
    }
  }
  return values;
}
