import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { customers, invoices, messages, organizations, whatsappSessions } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { isOpenInvoice } from '@/lib/billing/overdue';
import { whatsappChatUrl } from '@/lib/core/contact-links';
import { AppError } from '@/lib/server/errors';
import type { Actor } from '@/lib/server/operation';
import { invoiceValues } from './automatic';
import { invoiceMessageText } from './invoice-text';
import { customerValues, draftFor, getMessagingSettings, insertDrafts, templateBody } from './queue';

/**
 * Whether the organization can send WhatsApp now (an enabled session that is connected) and
 * how many messages wait in the queue meanwhile: with no session they wait forever, which the
 * invoice and customer pages say in a banner.
 */
export async function whatsappStatus(db: Db, orgId: string) {
  const [row] = await db.execute<{ connected: boolean; queued: number }>(sql`
    select
      exists (select 1 from ${whatsappSessions} where organization_id = ${orgId} and enabled and status = 'connected') as connected,
      (select count(*)::int from ${messages} where organization_id = ${orgId} and status = 'queued') as queued`);
  return { connected: Boolean(row?.connected), queued: Number(row?.queued ?? 0) };
}

async function loadInvoice(db: Db, orgId: string, invoiceId: string) {
  const [row] = await db
    .select({ invoice: invoices, customer: customers, orgName: organizations.name })
    .from(invoices)
    .innerJoin(customers, eq(customers.id, invoices.customerId))
    .innerJoin(organizations, eq(organizations.id, invoices.organizationId))
    .where(and(eq(invoices.id, invoiceId), eq(invoices.organizationId, orgId)));
  if (!row) throw new AppError('not_found');
  return row;
}

/** The invoice message in the organization's wording and language (lib/messaging/invoice-text). */
async function invoiceText(db: Db, orgId: string, row: Awaited<ReturnType<typeof loadInvoice>>) {
  const { locale } = await getMessagingSettings(db, orgId);
  const values = { ...customerValues(row.customer, row.orgName), ...invoiceValues(row.invoice, locale) };
  const body = await templateBody(db, { orgId, category: 'invoice', locale });
  return {
    text: invoiceMessageText({ body, values, invoice: row.invoice, locale }),
    link: String(values['invoice.link']),
  };
}

/**
 * What the "Kirim ke WhatsApp" button needs: the message, the public link, a wa.me link to the
 * customer with the message typed in (for when no session is connected, or the number is
 * not one WhatsApp knows: then null) and the session state.
 */
export async function invoiceShare(db: Db, p: { orgId: string; invoiceId: string }) {
  const row = await loadInvoice(db, p.orgId, p.invoiceId);
  const [{ text, link }, whatsapp] = await Promise.all([invoiceText(db, p.orgId, row), whatsappStatus(db, p.orgId)]);
  return {
    text,
    link,
    chatUrl: whatsappChatUrl(row.customer.phone, text),
    optOut: row.customer.whatsappOptOut,
    whatsapp,
  };
}

/**
 * Queues the invoice message to the customer through the organization's WhatsApp sessions
 * (the dispatcher sends it when one is connected). A second tap within the same minute
 * queues nothing more. A paid, carried or void invoice is not sent. A customer who opted out
 * or has no mobile number gets nothing: the message is kept as cancelled so the log says why,
 * and the audit says it was not sent (`invoice.whatsapp_not_sent`), never that it was.
 */
export async function sendInvoiceWhatsapp(db: Db, p: Actor & { invoiceId: string; now?: Date }) {
  return db.transaction(async (tx) => {
    const row = await loadInvoice(tx, p.orgId, p.invoiceId);
    if (!isOpenInvoice(row.invoice.status))
      throw new AppError('invoice_not_payable', {}, { invoiceId: 'validation.invoiceNotOpen' });
    const { text } = await invoiceText(tx, p.orgId, row);
    const minute = Math.floor((p.now ?? new Date()).getTime() / 60_000);
    const draft = draftFor({
      orgId: p.orgId,
      customer: row.customer,
      category: 'invoice',
      eventKey: `invoice_sent:${row.invoice.id}:${minute}`,
      body: text,
      createdBy: p.actorUserId,
    });
    const inserted = await insertDrafts(tx, [draft]);
    if (inserted === 0) return { queued: true, reason: 'already_queued' as const };
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: draft.error ? 'invoice.whatsapp_not_sent' : 'invoice.sent_whatsapp',
      entityType: 'customer',
      entityId: row.customer.id,
      data: { invoiceId: row.invoice.id, number: row.invoice.number, to: draft.toPhone, error: draft.error },
    });
    return draft.error
      ? { queued: false, reason: draft.error as 'opted_out' | 'invalid_phone' }
      : { queued: true, reason: null };
  });
}
