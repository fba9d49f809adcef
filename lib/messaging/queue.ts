import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import {
  type AutoMessage,
  customers,
  messageTemplates,
  messagingSettings,
  organizations,
  type TemplateCategory,
} from '@/db/schema';
import { normalizePhone } from '@/lib/core/phone';
import { encryptSecret } from '@/lib/crypto';
import { formatCustomerNumber } from '@/lib/customers/constants';
import type { Locale } from '@/lib/i18n/config';
import { DEFAULT_TEMPLATES, renderTemplate, type TemplateValues } from './templates';

export type MessagingSettings = { locale: Locale; disabled: AutoMessage[] };

export async function getMessagingSettings(db: Db, orgId: string): Promise<MessagingSettings> {
  const [row] = await db.select().from(messagingSettings).where(eq(messagingSettings.organizationId, orgId));
  return { locale: row?.locale === 'en' ? 'en' : 'id', disabled: row?.disabled ?? [] };
}

/** The organization's wording for a category in its language, else the built-in one. */
export async function templateBody(db: Db, p: { orgId: string; category: TemplateCategory; locale: Locale }) {
  const [row] = await db
    .select({ body: messageTemplates.body })
    .from(messageTemplates)
    .where(
      and(
        eq(messageTemplates.organizationId, p.orgId),
        eq(messageTemplates.category, p.category),
        eq(messageTemplates.locale, p.locale),
      ),
    );
  return row?.body ?? DEFAULT_TEMPLATES[p.category][p.locale];
}

export function customerValues(
  c: { name: string; number: number; phone: string; address: string },
  orgName: string,
): TemplateValues {
  return {
    'customer.name': c.name,
    'customer.number': formatCustomerNumber(c.number),
    'customer.phone': c.phone,
    'customer.address': c.address,
    'organization.name': orgName,
  };
}

/** A message row ready to insert, or why there is none (opted out, no valid number). */
export type Draft = {
  organizationId: string;
  customerId: string | null;
  toPhone: string;
  category: TemplateCategory;
  eventKey: string | null;
  body: string;
  bodyEnc?: string | null;
  status: 'queued' | 'cancelled';
  error: string | null;
  broadcastId?: string | null;
  createdBy?: string | null;
};

/** Template values that must not be readable in the message log. */
const SECRET_VALUES = ['service.password', 'wifi.password'];

export function draftFor(p: {
  orgId: string;
  customer: { id: string; phone: string; whatsappOptOut: boolean };
  category: TemplateCategory;
  eventKey: string | null;
  body: string;
  createdBy?: string | null;
  broadcastId?: string | null;
}): Draft {
  const phone = normalizePhone(p.customer.phone);
  // Kept in the log as cancelled, so "why did Budi get nothing?" has an answer.
  const error = p.customer.whatsappOptOut ? 'opted_out' : phone ? null : 'invalid_phone';
  return {
    organizationId: p.orgId,
    customerId: p.customer.id,
    toPhone: phone ?? p.customer.phone,
    category: p.category,
    eventKey: p.eventKey,
    body: p.body,
    status: error ? 'cancelled' : 'queued',
    error,
    broadcastId: p.broadcastId ?? null,
    createdBy: p.createdBy ?? null,
  };
}

/**
 * Inserts drafts in chunks; a draft whose event already has a message is skipped (once per
 * event). Each chunk is one statement with the rows as one JSON parameter: thousands of
 * rows (a broadcast, an outage notice) cost one round trip and no per-value parameters.
 */
export async function insertDrafts(db: Db, drafts: Draft[]) {
  let inserted = 0;
  for (let i = 0; i < drafts.length; i += 5000) {
    const rows = drafts.slice(i, i + 5000).map((d) => ({
      organization_id: d.organizationId,
      customer_id: d.customerId,
      to_phone: d.toPhone,
      category: d.category,
      event_key: d.eventKey,
      body: d.body,
      body_enc: d.bodyEnc ?? null,
      status: d.status,
      error: d.error,
      broadcast_id: d.broadcastId ?? null,
      created_by: d.createdBy ?? null,
    }));
    const result = await db.execute<{ n: number }>(sql`
      with ins as (
        insert into messages (organization_id, customer_id, to_phone, category, event_key, body, body_enc, status, error, broadcast_id, created_by)
        select x.organization_id, x.customer_id, x.to_phone, x.category, x.event_key, x.body, x.body_enc, x.status, x.error, x.broadcast_id, x.created_by
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(
          organization_id uuid, customer_id uuid, to_phone text, category text, event_key text, body text,
          body_enc text, status text, error text, broadcast_id uuid, created_by uuid)
        on conflict (organization_id, event_key) do nothing
        returning 1)
      select count(*)::int as n from ins`);
    inserted += result[0]?.n ?? 0;
  }
  return inserted;
}

/**
 * One automatic message to one customer for one event. Switched-off messages are not
 * queued at all; `eventKey` makes a retried job or a repeated trigger send it once.
 */
export async function queueCustomerMessage(
  db: Db,
  p: {
    orgId: string;
    customerId: string;
    category: TemplateCategory;
    auto: AutoMessage | null;
    eventKey: string;
    values: TemplateValues;
    createdBy?: string | null;
  },
) {
  const settings = await getMessagingSettings(db, p.orgId);
  if (p.auto && settings.disabled.includes(p.auto)) return { queued: false, reason: 'disabled' as const };
  const [row] = await db
    .select({ customer: customers, orgName: organizations.name })
    .from(customers)
    .innerJoin(organizations, eq(organizations.id, customers.organizationId))
    .where(and(eq(customers.id, p.customerId), eq(customers.organizationId, p.orgId)));
  if (!row) return { queued: false, reason: 'no_customer' as const };
  const template = await templateBody(db, { orgId: p.orgId, category: p.category, locale: settings.locale });
  const values = { ...customerValues(row.customer, row.orgName), ...p.values };
  const body = renderTemplate(template, values);
  const secret = SECRET_VALUES.some((k) => values[k]);
  const shown = secret
    ? renderTemplate(template, { ...values, ...Object.fromEntries(SECRET_VALUES.map((k) => [k, '••••••'])) })
    : body;
  const draft = {
    ...draftFor({
      orgId: p.orgId,
      customer: row.customer,
      category: p.category,
      eventKey: p.eventKey,
      body: shown,
      createdBy: p.createdBy,
    }),
    bodyEnc: secret ? encryptSecret(body) : null,
  };
  const inserted = await insertDrafts(db, [draft]);
  return inserted
    ? { queued: draft.status === 'queued', reason: draft.error ?? undefined }
    : { queued: false, reason: 'already_sent' as const };
}
