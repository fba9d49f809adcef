import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import {
  type AutoMessage,
  invoices,
  paymentAllocations,
  payments,
  plans,
  subscriptions,
  type TemplateCategory,
} from '@/db/schema';
import { decryptSecret } from '@/lib/crypto';
import { welcomeWifi } from '@/lib/fibre/activation/welcome';
import { formatDateTime, formatIDR } from '@/lib/format';
import type { JobPayload } from '@/lib/jobs/contract';
import { invoiceValues } from './automatic';
import type { CustomerEvent, customerNotify } from './jobs';
import { paymentMethodWord } from './payment-words';
import { getMessagingSettings, queueCustomerMessage } from './queue';
import type { TemplateValues } from './templates';

const EVENTS = {
  isolated: { category: 'isolation', auto: 'isolation' },
  reconnected: { category: 'reconnection', auto: 'reconnection' },
  invoice: { category: 'invoice', auto: 'invoice' },
  payment_received: { category: 'payment_received', auto: 'payment_received' },
  welcome: { category: 'welcome', auto: 'welcome' },
} as const satisfies Record<CustomerEvent, { category: TemplateCategory; auto: AutoMessage }>;

type Notice = JobPayload<typeof customerNotify>;

/**
 * Tells the customer about an event by WhatsApp (the `customer-notify` job): renders the
 * organization's template with the event's values and queues the message (the dispatcher
 * sends it). Keyed by the job, so a retried job queues it once.
 */
export async function notifyCustomer(db: Db, p: Notice & { orgId: string; jobId: string }) {
  const { auto } = EVENTS[p.event];
  const values = await eventValues(db, p);
  // A zero-touch activation that set the modem's WiFi: the welcome tells the customer its name and password.
  const wifi =
    p.event === 'welcome' && p.subscriptionId
      ? await welcomeWifi(db, { ...p, subscriptionId: p.subscriptionId })
      : null;
  const category = wifi ? 'welcome_wifi' : EVENTS[p.event].category;
  if (wifi) Object.assign(values, { 'wifi.name': wifi.ssid, 'wifi.password': wifi.password });
  const result = await queueCustomerMessage(db, {
    orgId: p.orgId,
    customerId: p.customerId,
    category,
    auto,
    eventKey: eventKeyOf(p, p.jobId),
    values,
  });
  return { event: p.event, ...result };
}

/**
 * What makes the message once-only: the payment or the subscription's first activation
 * where there is one; otherwise the job (each isolation or reconnection is its own job).
 */
function eventKeyOf(p: Notice, jobId: string) {
  if (p.event === 'payment_received' && p.paymentId) return `payment_received:${p.paymentId}`;
  if (p.event === 'welcome' && p.subscriptionId) return `welcome:${p.subscriptionId}`;
  return `notify:${jobId}`;
}

/** The template values an event's message is written with, in the organization's language. */
async function eventValues(db: Db, p: Notice & { orgId: string }): Promise<TemplateValues> {
  const { locale } = await getMessagingSettings(db, p.orgId);
  const values: TemplateValues = {};
  if (p.subscriptionId) {
    const [sub] = await db
      .select({
        username: subscriptions.serviceUsername,
        passwordEnc: subscriptions.servicePasswordEnc,
        plan: plans.name,
      })
      .from(subscriptions)
      .innerJoin(plans, eq(plans.id, subscriptions.planId))
      .where(and(eq(subscriptions.id, p.subscriptionId), eq(subscriptions.organizationId, p.orgId)));
    if (sub) {
      Object.assign(values, { 'service.username': sub.username, 'service.plan': sub.plan });
      // Only the welcome message carries the password.
      if (p.event === 'welcome') values['service.password'] = decryptSecret(sub.passwordEnc);
    }
  }
  if (p.event === 'isolated' || p.event === 'invoice') {
    const [open] = await db
      .select()
      .from(invoices)
      .where(
        and(
          eq(invoices.customerId, p.customerId),
          eq(invoices.organizationId, p.orgId),
          inArray(invoices.status, ['unpaid', 'partial']),
        ),
      )
      .orderBy(desc(invoices.period), desc(invoices.createdAt), desc(invoices.id))
      .limit(1);
    if (open) Object.assign(values, invoiceValues(open, locale));
  }
  if (p.event === 'payment_received' && p.paymentId) {
    const [pay] = await db
      .select()
      .from(payments)
      .where(and(eq(payments.id, p.paymentId), eq(payments.organizationId, p.orgId)));
    if (pay) {
      const [first] = await db
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
