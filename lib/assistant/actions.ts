import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { type AssistantPending, conversations, customers, ticketMessages, tickets } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { decryptSecret } from '@/lib/crypto';
import { modemOfSubscription } from '@/lib/fibre/acs/devices';
import { acsTaskSend } from '@/lib/fibre/acs/jobs';
import { insertModemTask, shownDetail, wifiDetail } from '@/lib/fibre/acs/tasks';
import type { Locale } from '@/lib/i18n/config';
import { enqueue } from '@/lib/jobs/enqueue';
import { formatTicketNumber } from '@/lib/tickets/number';
import { openTicket } from '@/lib/tickets/open';
import { say } from './replies';
import type { Sender } from './senders';

/** Who did it, for the audit: the bot (no user), on WhatsApp, from this number. */
export const botAudit = (phone: string, data: Record<string, unknown> = {}) => ({
  actorUserId: null,
  data: { ...data, channel: 'whatsapp', phone },
});

/** How long a WiFi change waits for the customer's YA. */
export const WIFI_CONFIRM_MS = 10 * 60_000;

type Ctx = { orgId: string; conversationId: string; phone: string; locale: Locale; senders: Sender[] };

/**
 * `lapor …` / `gangguan` / `internet mati`: a ticket at once (asking first would leave a
 * customer without internet waiting on a second message). It is for the number's only
 * subscription when there is one; inside an open outage it joins that incident (openTicket).
 */
export async function reportFault(tx: Db, c: Ctx, p: { text: string }) {
  const customer = c.senders[0]!;
  const subs = c.senders.flatMap((s) => s.subscriptions);
  const words = p.text.trim();
  // The conversation's ticket still being worked takes the new words: `lapor` sent again
  // (or a flood of them) is one ticket, not one per message.
  const [open] = await tx
    .select({ id: tickets.id, number: tickets.number, status: tickets.status })
    .from(conversations)
    .innerJoin(
      tickets,
      and(eq(tickets.id, conversations.ticketId), eq(tickets.organizationId, conversations.organizationId)),
    )
    .where(
      and(
        eq(conversations.organizationId, c.orgId),
        eq(conversations.id, c.conversationId),
        eq(tickets.kind, 'complaint'),
        inArray(tickets.status, ['open', 'in_progress', 'waiting']),
        inArray(
          tickets.customerId,
          c.senders.map((s) => s.id),
        ),
      ),
    );
  if (open) {
    await tx.insert(ticketMessages).values({
      organizationId: c.orgId,
      ticketId: open.id,
      kind: 'customer',
      body: words || say(c.locale, 'reportSubject'),
    });
    await tx
      .update(tickets)
      // A ticket waiting for the customer is worked again: they answered (as from the portal).
      .set({ status: open.status === 'waiting' ? 'in_progress' : open.status, updatedAt: new Date() })
      .where(and(eq(tickets.organizationId, c.orgId), eq(tickets.id, open.id)));
    await recordAudit(tx, {
      orgId: c.orgId,
      action: 'assistant.report',
      entityType: 'ticket',
      entityId: open.id,
      ...botAudit(c.phone, { number: formatTicketNumber(open.number), added: true }),
    });
    return say(c.locale, 'reportOpened', { number: formatTicketNumber(open.number) });
  }
  const { ticket, joinedIncident } = await openTicket(tx, {
    orgId: c.orgId,
    actorUserId: null,
    source: 'whatsapp',
    customerId: customer.id,
    subscriptionId: subs.length === 1 ? subs[0]!.id : null,
    reporterName: customer.name,
    reporterPhone: c.phone,
    category: 'no_internet',
    subject: (words.length > 3 ? words : say(c.locale, 'reportSubject')).slice(0, 120),
    description: words,
  });
  await tx
    .update(conversations)
    .set({ ticketId: ticket.id })
    .where(and(eq(conversations.organizationId, c.orgId), eq(conversations.id, c.conversationId)));
  await recordAudit(tx, {
    orgId: c.orgId,
    action: 'assistant.report',
    entityType: 'ticket',
    entityId: ticket.id,
    ...botAudit(c.phone, { number: formatTicketNumber(ticket.number), joinedIncident }),
  });
  return say(c.locale, joinedIncident ? 'reportJoined' : 'reportOpened', { number: formatTicketNumber(ticket.number) });
}

/** `stop` / `mulai`: the number's customers stop (or start again) getting WhatsApp messages. */
export async function setOptOut(tx: Db, c: Ctx, optOut: boolean) {
  const changed = await tx
    .update(customers)
    .set({ whatsappOptOut: optOut, updatedAt: new Date() })
    .where(
      and(
        eq(customers.organizationId, c.orgId),
        inArray(
          customers.id,
          c.senders.map((s) => s.id),
        ),
        eq(customers.whatsappOptOut, !optOut),
      ),
    )
    .returning({ id: customers.id });
  for (const row of changed)
    await recordAudit(tx, {
      orgId: c.orgId,
      action: optOut ? 'customer.whatsapp_opt_out' : 'customer.whatsapp_opt_in',
      entityType: 'customer',
      entityId: row.id,
      ...botAudit(c.phone),
    });
  return changed.length;
}

const setPending = (tx: Db, c: Ctx, pending: AssistantPending | null) =>
  tx
    .update(conversations)
    .set({ assistantPending: pending })
    .where(and(eq(conversations.organizationId, c.orgId), eq(conversations.id, c.conversationId)));

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
/** The modem card's rules: an SSID of 1–32 bytes, a WPA2 passphrase of 8–63 printable ASCII characters. */
export const validWifi = (ssid: string, password: string) =>
  bytes(ssid.trim()) >= 1 && bytes(ssid.trim()) <= 32 && /^[\x20-\x7e]{8,63}$/.test(password);

/** The first of the sender's subscriptions with a modem the ACS manages. */
async function senderModem(tx: Db, c: Ctx, only?: string | null) {
  for (const s of c.senders.flatMap((x) => x.subscriptions)) {
    if (only && s.id !== only) continue;
    const device = await modemOfSubscription(tx, { orgId: c.orgId, subscriptionId: s.id });
    if (device) return { subscription: s, device };
  }
  return null;
}

/** `wifi <name> <password>`: checks the values and the modem, then asks for a YA. */
export async function askWifiChange(tx: Db, c: Ctx, pending: AssistantPending | null) {
  if (!pending) return say(c.locale, 'wifiHelp');
  const password = decryptSecret(pending.passwordEnc);
  if (!validWifi(pending.ssid, password)) {
    await setPending(tx, c, null);
    return say(c.locale, 'wifiInvalid');
  }
  const modem = await senderModem(tx, c);
  if (!modem) {
    await setPending(tx, c, null);
    return say(c.locale, 'wifiNoModem');
  }
  await setPending(tx, c, { ...pending, subscriptionId: modem.subscription.id });
  return say(c.locale, 'wifiConfirm', { ssid: pending.ssid });
}

/**
 * `YA`: the WiFi change asked for in the last ten minutes goes to the modem as the staff
 * modem card sends it (an acs_tasks row and its acs-task-send job), audited as the bot's.
 * The subscription must still be the sender's: a number that changed hands changes nothing.
 */
export async function confirmWifiChange(tx: Db, c: Ctx, pending: AssistantPending | null, now: Date) {
  if (!pending?.subscriptionId) return say(c.locale, 'nothingToConfirm');
  await setPending(tx, c, null);
  if (now.getTime() - Date.parse(pending.at) > WIFI_CONFIRM_MS) return say(c.locale, 'wifiExpired');
  const modem = await senderModem(tx, c, pending.subscriptionId);
  if (!modem) return say(c.locale, 'wifiNoModem');
  // Both bands get the name and password (one network to the customer); a single-band modem ignores the 5 GHz half.
  const password = decryptSecret(pending.passwordEnc);
  const detail = wifiDetail({ ssid24: pending.ssid, password24: password, ssid5: pending.ssid, password5: password });
  const task = await insertModemTask(tx, {
    orgId: c.orgId,
    device: modem.device,
    kind: 'wifi',
    detail,
    requestedBy: null,
  });
  const job = await enqueue(tx, acsTaskSend, { orgId: c.orgId, payload: { taskId: task.id } });
  await recordAudit(tx, {
    orgId: c.orgId,
    action: 'acs_task.requested',
    entityType: 'acs_device',
    entityId: modem.device.id,
    ...botAudit(c.phone, {
      kind: 'wifi',
      taskId: task.id,
      jobId: job.id,
      serial: modem.device.serial,
      subscriptionId: modem.subscription.id,
      ...shownDetail(detail),
    }),
  });
  return say(c.locale, 'wifiQueued', { ssid: pending.ssid });
}
