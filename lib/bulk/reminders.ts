/** Reminders staff send by hand for the invoices or customers they selected on a list. */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { customers, type Invoice, invoices, messages, organizations } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { localDate } from '@/lib/billing/money';
import { daysBetween, OPEN_INVOICE_STATUSES } from '@/lib/billing/overdue';
import { invoiceValues } from '@/lib/messaging/automatic';
import { invoiceMessageText } from '@/lib/messaging/invoice-text';
import { customerValues, draftFor, getMessagingSettings, templateBody } from '@/lib/messaging/queue';
import { renderTemplate } from '@/lib/messaging/templates';
import type { Actor } from '@/lib/server/operation';

export type BulkTarget = 'invoices' | 'customers';

/**
 * Queues one WhatsApp message per open invoice selected (or, for selected customers, their
 * oldest open invoice) with the organization's wording (see below), through the message queue the
 * sessions send from. The event key holds the organization's date, so a second tap the same
 * day sends nothing twice while tomorrow's reminder still goes out.
 */
export async function sendReminders(db: Db, p: Actor & { target: BulkTarget; ids: string[] }) {
  return db.transaction(async (tx) => {
    const [org] = await tx
      .select({ name: organizations.name, timezone: organizations.timezone })
      .from(organizations)
      .where(eq(organizations.id, p.orgId));
    const settings = await getMessagingSettings(tx, p.orgId);
    const templates = {
      invoice: await templateBody(tx, { orgId: p.orgId, category: 'invoice', locale: settings.locale }),
      due_reminder: await templateBody(tx, { orgId: p.orgId, category: 'due_reminder', locale: settings.locale }),
    };
    const picked = tx
      .select({ invoice: invoices, customer: customers })
      .from(invoices)
      .innerJoin(customers, eq(customers.id, invoices.customerId))
      .where(
        and(
          eq(invoices.organizationId, p.orgId),
          inArray(invoices.status, OPEN_INVOICE_STATUSES),
          p.target === 'invoices' ? inArray(invoices.id, p.ids) : inArray(invoices.customerId, p.ids),
        ),
      );
    const rows: { invoice: Invoice; customer: typeof customers.$inferSelect }[] =
      p.target === 'invoices'
        ? await picked
        : // Postgres' distinct on: the first row per customer in this order is the oldest open invoice.
          await picked
            .orderBy(invoices.customerId, asc(invoices.dueDate), asc(invoices.createdAt))
            .then((all) => all.filter((r, i) => i === 0 || all[i - 1]!.customer.id !== r.customer.id));
    const day = localDate(new Date(), org!.timezone);
    const drafts = rows.map(({ invoice, customer }) => {
      const values = { ...customerValues(customer, org!.name), ...invoiceValues(invoice, settings.locale) };
      const days = daysBetween(day, invoice.dueDate);
      // Before the due day: the H-3/H-1 reminder the app sends itself (its amount is what is still
      // owed). From the due day on, that wording ("due in N days") would be wrong: the invoice
      // message, as "Kirim ke WhatsApp" sends it (a partly paid one says what is still to pay).
      const category = days > 0 ? 'due_reminder' : 'invoice';
      return draftFor({
        orgId: p.orgId,
        customer,
        category,
        eventKey: `reminder:${invoice.id}:${day}`,
        body:
          days > 0
            ? renderTemplate(templates.due_reminder, { ...values, 'reminder.days': days })
            : invoiceMessageText({ body: templates.invoice, values, invoice, locale: settings.locale }),
        createdBy: p.actorUserId,
      });
    });
    // At most 500 rows (the schema's limit): one insert; a reminder already queued today is skipped.
    const inserted = drafts.length
      ? await tx
          .insert(messages)
          .values(drafts)
          .onConflictDoNothing({ target: [messages.organizationId, messages.eventKey] })
          .returning({ status: messages.status, error: messages.error })
      : [];
    const result = {
      selected: p.ids.length,
      queued: inserted.filter((m) => m.status === 'queued').length,
      // Kept in the message log as cancelled: opted out of WhatsApp, or no valid number.
      optedOut: inserted.filter((m) => m.error === 'opted_out').length,
      cancelled: inserted.filter((m) => m.status === 'cancelled' && m.error !== 'opted_out').length,
      alreadySent: drafts.length - inserted.length,
      noOpenInvoice: p.ids.length - rows.length,
    };
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'bulk.reminders_queued',
      entityType: p.target === 'invoices' ? 'invoice' : 'customer',
      data: { ...result, invoiceIds: rows.map((r) => r.invoice.id) },
    });
    return result;
  });
}
