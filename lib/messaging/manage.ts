import { and, desc, eq, ilike, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import {
  AUTO_MESSAGES,
  customers,
  type MessageStatus,
  messages,
  messageTemplates,
  messagingSettings,
  TEMPLATE_CATEGORIES,
  whatsappSessions,
} from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { normalizePhone } from '@/lib/core/phone';
import { AppError } from '@/lib/server/errors';
import { checkbox } from '@/lib/server/form-input';
import { afterCursor, decodeCursor, toPage } from '@/lib/server/pagination';
import { contains } from '@/lib/server/search';
import { getMessagingSettings } from './queue';
import { DEFAULT_TEMPLATES, renderTemplate, sampleValues, TEMPLATE_VARIABLES, templateProblems } from './templates';

type Actor = { orgId: string; actorUserId: string | null; ip: string | null };

export const templateSchema = z.object({
  category: z.enum(TEMPLATE_CATEGORIES, 'validation.invalid'),
  locale: z.enum(['id', 'en'], 'validation.invalid'),
  body: z.string().trim().min(3, 'validation.required').max(2000, 'validation.tooLong'),
});

/** Every category × language with the organization's text (or the built-in one) and its variables. */
export async function listTemplates(db: Db, orgId: string) {
  const rows = await db.select().from(messageTemplates).where(eq(messageTemplates.organizationId, orgId));
  return TEMPLATE_CATEGORIES.map((category) => ({
    category,
    variables: TEMPLATE_VARIABLES[category],
    bodies: Object.fromEntries(
      (['id', 'en'] as const).map((locale) => {
        const row = rows.find((r) => r.category === category && r.locale === locale);
        return [locale, { body: row?.body ?? DEFAULT_TEMPLATES[category][locale], custom: Boolean(row) }];
      }),
    ) as Record<'id' | 'en', { body: string; custom: boolean }>,
  }));
}

/** Refuses a template with a variable its category cannot fill, naming it. */
export function checkTemplate(category: (typeof TEMPLATE_CATEGORIES)[number], body: string) {
  const { unknown, malformed } = templateProblems(body, category);
  if (unknown.length)
    throw new AppError(
      'template_invalid',
      { variables: unknown.map((v) => `{{${v}}}`).join(', ') },
      { body: 'validation.templateVariables' },
    );
  if (malformed)
    throw new AppError('template_invalid', { variables: '{{ }}' }, { body: 'validation.templateVariables' });
}

export async function saveTemplate(db: Db, p: Actor & { input: z.output<typeof templateSchema> }) {
  checkTemplate(p.input.category, p.input.body);
  await db
    .insert(messageTemplates)
    .values({ organizationId: p.orgId, ...p.input, updatedBy: p.actorUserId })
    .onConflictDoUpdate({
      target: [messageTemplates.organizationId, messageTemplates.category, messageTemplates.locale],
      set: { body: p.input.body, updatedBy: p.actorUserId, updatedAt: sql`now()` },
    });
  await recordAudit(db, {
    orgId: p.orgId,
    actorUserId: p.actorUserId,
    ip: p.ip,
    action: 'message_template.saved',
    entityType: 'message_template',
    data: { category: p.input.category, locale: p.input.locale },
  });
  return { ok: true };
}

/** Back to the built-in wording. */
export async function resetTemplate(
  db: Db,
  p: Actor & { category: (typeof TEMPLATE_CATEGORIES)[number]; locale: 'id' | 'en' },
) {
  await db
    .delete(messageTemplates)
    .where(
      and(
        eq(messageTemplates.organizationId, p.orgId),
        eq(messageTemplates.category, p.category),
        eq(messageTemplates.locale, p.locale),
      ),
    );
  await recordAudit(db, {
    orgId: p.orgId,
    actorUserId: p.actorUserId,
    ip: p.ip,
    action: 'message_template.reset',
    entityType: 'message_template',
    data: { category: p.category, locale: p.locale },
  });
  return { body: DEFAULT_TEMPLATES[p.category][p.locale] };
}

/** The preview with sample data; problems are reported, not thrown, while the operator types. */
export function previewTemplate(category: (typeof TEMPLATE_CATEGORIES)[number], body: string) {
  return { text: renderTemplate(body, sampleValues()), ...templateProblems(body, category) };
}

export const messagingSettingsSchema = z
  .object({ locale: z.enum(['id', 'en'], 'validation.invalid') })
  .catchall(z.unknown())
  .transform((raw) => ({
    locale: raw.locale,
    disabled: AUTO_MESSAGES.filter((a) => !checkbox.parse(raw[`auto_${a}`])),
  }));

export async function saveMessagingSettings(db: Db, p: Actor & { input: z.output<typeof messagingSettingsSchema> }) {
  await db
    .insert(messagingSettings)
    .values({ organizationId: p.orgId, ...p.input })
    .onConflictDoUpdate({ target: messagingSettings.organizationId, set: { ...p.input, updatedAt: sql`now()` } });
  await recordAudit(db, {
    orgId: p.orgId,
    actorUserId: p.actorUserId,
    ip: p.ip,
    action: 'messaging.settings_saved',
    entityType: 'organization',
    entityId: p.orgId,
    data: p.input,
  });
  return getMessagingSettings(db, p.orgId);
}

export type MessageFilter = {
  orgId: string;
  status?: MessageStatus;
  category?: string;
  q?: string;
  broadcastId?: string;
  customerId?: string;
  cursor?: string;
  limit?: number;
};

/** The message log, newest first: recipient, template, status, error. */
export async function listMessages(db: Db, f: MessageFilter) {
  const limit = f.limit ?? 25;
  const rows = await db
    .select({
      id: messages.id,
      toPhone: messages.toPhone,
      category: messages.category,
      status: messages.status,
      error: messages.error,
      attempts: messages.attempts,
      body: messages.body,
      createdAt: messages.createdAt,
      sentAt: messages.sentAt,
      deliveredAt: messages.deliveredAt,
      readAt: messages.readAt,
      customerId: messages.customerId,
      customerName: customers.name,
      sessionName: whatsappSessions.name,
    })
    .from(messages)
    .leftJoin(customers, eq(customers.id, messages.customerId))
    .leftJoin(whatsappSessions, eq(whatsappSessions.id, messages.sessionId))
    .where(
      and(
        eq(messages.organizationId, f.orgId),
        f.status ? eq(messages.status, f.status) : undefined,
        f.category ? eq(messages.category, f.category as 'invoice') : undefined,
        f.broadcastId ? eq(messages.broadcastId, f.broadcastId) : undefined,
        f.customerId ? eq(messages.customerId, f.customerId) : undefined,
        f.q ? or(ilike(messages.toPhone, contains(f.q)), ilike(customers.name, contains(f.q))) : undefined,
        afterCursor(messages.createdAt, messages.id, decodeCursor(f.cursor)),
      ),
    )
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(limit + 1);
  return toPage(rows, limit);
}

/**
 * Sends a failed or cancelled message again, as a new attempt series: to the customer's
 * number as it is now, apart from its broadcast (which may be over), as a fresh message
 * (no old id a late receipt could match).
 */
export async function resendMessage(db: Db, p: Actor & { messageId: string }) {
  const [m] = await db
    .select({ id: messages.id, toPhone: messages.toPhone, customerPhone: customers.phone })
    .from(messages)
    .leftJoin(customers, eq(customers.id, messages.customerId))
    .where(
      and(
        eq(messages.id, p.messageId),
        eq(messages.organizationId, p.orgId),
        sql`${messages.status} in ('failed', 'cancelled')`,
      ),
    );
  if (!m) throw new AppError('not_found');
  const phone = normalizePhone(m.customerPhone ?? m.toPhone);
  if (!phone) throw new AppError('validation', {}, { phone: 'validation.phone' });
  const [row] = await db
    .update(messages)
    .set({
      status: 'queued',
      toPhone: phone,
      attempts: 0,
      error: null,
      broadcastId: null,
      transportMessageId: null,
      sentAt: null,
      deliveredAt: null,
      readAt: null,
      nextAttemptAt: sql`now()`,
      createdAt: sql`now()`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(messages.id, m.id), eq(messages.organizationId, p.orgId)))
    .returning({ id: messages.id });
  if (!row) throw new AppError('not_found');
  await recordAudit(db, {
    orgId: p.orgId,
    actorUserId: p.actorUserId,
    ip: p.ip,
    action: 'message.resent',
    entityType: 'message',
    entityId: row.id,
  });
  return { id: row.id };
}

/** The customer asked (not) to get WhatsApp messages; queued ones are cancelled by the dispatcher. */
export async function setWhatsappOptOut(db: Db, p: Actor & { customerId: string; optOut: boolean }) {
  const [row] = await db
    .update(customers)
    .set({ whatsappOptOut: p.optOut, updatedAt: sql`now()` })
    .where(and(eq(customers.id, p.customerId), eq(customers.organizationId, p.orgId)))
    .returning({ id: customers.id });
  if (!row) throw new AppError('not_found');
  await recordAudit(db, {
    orgId: p.orgId,
    actorUserId: p.actorUserId,
    ip: p.ip,
    action: p.optOut ? 'customer.whatsapp_opt_out' : 'customer.whatsapp_opt_in',
    entityType: 'customer',
    entityId: row.id,
  });
  return { optOut: p.optOut };
}
