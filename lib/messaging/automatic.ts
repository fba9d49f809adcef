import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { type AutoMessage, customers, type Invoice, invoices, messages, organizations } from '@/db/schema';
import { invoiceLinkToken } from '@/lib/billing/links';
import { localDate, orgLocalHour } from '@/lib/billing/money';
import { env } from '@/lib/env';
import { formatDate, formatIDR } from '@/lib/format';
import type { Locale } from '@/lib/i18n/config';
import { customerValues, draftFor, getMessagingSettings, insertDrafts, templateBody } from './queue';
import { renderTemplate, type TemplateValues } from './templates';

export function invoiceValues(
  i: Pick<Invoice, 'id' | 'number' | 'period' | 'total' | 'paidAmount' | 'dueDate'>,
  locale: Locale,
): TemplateValues {
  const period = new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${i.period}T00:00:00Z`));
  return {
    'invoice.number': i.number,
    'invoice.period': period,
    'invoice.total': formatIDR(i.total),
    'invoice.outstanding': formatIDR(Math.max(0, i.total - i.paidAmount)),
    'invoice.due': formatDate(i.dueDate, locale),
    'invoice.link': `${env().APP_URL}/i/${invoiceLinkToken(i.id)}`,
  };
}

const BATCH = 2000;

/**
 * Invoice messages for every open invoice of the last days that has none yet, a batch at a
 * time (a 100,000-invoice billing run is queued in 50 inserts, not 100,000 jobs).
 */
export async function queueInvoiceMessages(db: Db, p: { orgId: string }) {
  return queueForInvoices(db, {
    orgId: p.orgId,
    auto: 'invoice',
    category: 'invoice',
    eventPrefix: 'invoice',
    where: and(inArray(invoices.status, ['unpaid', 'partial']), gt(invoices.createdAt, sql`now() - interval '3 days'`)),
  });
}

/**
 * Reminders H-3 and H-1: open invoices due in three days or tomorrow (the organization's
 * calendar), sent from 08:00 local time so nobody is woken by a bill.
 */
export async function queueDueReminders(db: Db, p: { orgId: string; timezone: string; now?: Date }) {
  const now = p.now ?? new Date();
  if (orgLocalHour(now, p.timezone) < 8) return 0;
  let queued = 0;
  for (const [days, auto] of [
    [3, 'reminder_h3'],
    [1, 'reminder_h1'],
  ] as const) {
    queued += await queueForInvoices(db, {
      orgId: p.orgId,
      auto,
      category: 'due_reminder',
      eventPrefix: auto,
      extra: { 'reminder.days': days },
      where: and(
        inArray(invoices.status, ['unpaid', 'partial']),
        eq(invoices.dueDate, localDate(now, p.timezone, days)),
      ),
    });
  }
  return queued;
}

async function queueForInvoices(
  db: Db,
  p: {
    orgId: string;
    auto: AutoMessage;
    category: 'invoice' | 'due_reminder';
    eventPrefix: string;
    where: ReturnType<typeof and>;
    extra?: TemplateValues;
  },
) {
  const settings = await getMessagingSettings(db, p.orgId);
  if (settings.disabled.includes(p.auto)) return 0;
  const template = await templateBody(db, { orgId: p.orgId, category: p.category, locale: settings.locale });
  const [org] = await db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, p.orgId));
  let total = 0;
  let lastId: string | null = null;
  for (;;) {
    const rows: { invoice: Invoice; customer: typeof customers.$inferSelect }[] = await db
      .select({ invoice: invoices, customer: customers })
      .from(invoices)
      .innerJoin(customers, eq(customers.id, invoices.customerId))
      .where(
        and(
          eq(invoices.organizationId, p.orgId),
          p.where,
          sql`not exists (select 1 from ${messages} m where m.organization_id = ${p.orgId} and m.event_key = ${`${p.eventPrefix}:`} || ${invoices.id}::text)`,
          // Keyset by id: each batch starts after the last one instead of re-reading it.
          lastId ? gt(invoices.id, lastId) : undefined,
        ),
      )
      .orderBy(invoices.id)
      .limit(BATCH);
    if (rows.length === 0) return total;
    const drafts = rows.map(({ invoice, customer }) =>
      draftFor({
        orgId: p.orgId,
        customer,
        category: p.category,
        eventKey: `${p.eventPrefix}:${invoice.id}`,
        body: renderTemplate(template, {
          ...customerValues(customer, org!.name),
          ...invoiceValues(invoice, settings.locale),
          ...p.extra,
        }),
      }),
    );
    total += await insertDrafts(db, drafts);
    if (rows.length < BATCH) return total;
    lastId = rows.at(-1)!.invoice.id;
  }
}
