import { and, count, eq, gte, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import {
  billingSettings,
  conversationMessages,
  conversations,
  messages,
  organizations,
  portalSettings,
} from '@/db/schema';
import type { Locale } from '@/lib/i18n/config';
import { queueConversationReply } from '@/lib/inbox/send';
import { getMessagingSettings } from '@/lib/messaging/queue';
import { askWifiChange, confirmWifiChange, reportFault, setOptOut } from './actions';
import { matchCommand } from './matcher';
import { billText, planText, say, statusText } from './replies';
import { customersOfSender } from './senders';

/** Answers per number: beyond this many in the window, silence and the inbox (a loop with another bot ends here). */
export const RATE_LIMIT = { answers: 10, windowMs: 10 * 60_000 };
/** A stranger gets the contact text at most once a day. */
const CONTACT_EVERY_MS = 24 * 3600_000;

export type AnswerOutcome =
  | 'gone'
  | 'already_answered'
  | 'assistant_off'
  | 'unknown_sender'
  | 'opted_out'
  | 'rate_limited'
  | 'passed_to_staff'
  | 'answered'
  | 'silent';

async function linesSince(tx: Db, p: { orgId: string; conversationId: string; since: Date; intent?: string }) {
  const [row] = await tx
    .select({ n: count() })
    .from(conversationMessages)
    .where(
      and(
        eq(conversationMessages.organizationId, p.orgId),
        eq(conversationMessages.conversationId, p.conversationId),
        eq(conversationMessages.author, 'assistant'),
        gte(conversationMessages.createdAt, p.since),
        p.intent ? eq(conversationMessages.intent, p.intent) : undefined,
      ),
    );
  return row?.n ?? 0;
}

const flagForStaff = (tx: Db, orgId: string, conversationId: string) =>
  tx
    .update(conversations)
    .set({ needsStaffAt: sql`coalesce(${conversations.needsStaffAt}, now())` })
    .where(and(eq(conversations.organizationId, orgId), eq(conversations.id, conversationId)));

/** The organization's text for a number that is no customer's, else the built-in one with its phone. */
async function contactText(tx: Db, orgId: string, locale: Locale, own: string | null) {
  if (own?.trim()) return own.trim();
  const [org] = await tx
    .select({ name: organizations.name, phone: billingSettings.companyPhone })
    .from(organizations)
    .leftJoin(billingSettings, eq(billingSettings.organizationId, organizations.id))
    .where(eq(organizations.id, orgId));
  const phone = org?.phone?.trim();
  return say(locale, phone ? 'contactWithPhone' : 'contactNoPhone', { org: org?.name ?? '', phone: phone ?? '' });
}

/**
 * The assistant-reply job: answers one stored customer line, in one transaction with what the
 * answer changes (a ticket, a WiFi task, the opt-out), so a retried job answers once (the
 * reply's event key `assistant:<line id>`). Off, a stranger, an opted-out customer, too many
 * answers or words it does not know: the line waits in the inbox (`needs_staff_at`).
 */
export async function answerInboundLine(
  db: Db,
  p: { orgId: string; lineId: string; now?: Date },
): Promise<{ outcome: AnswerOutcome; intent?: string }> {
  const now = p.now ?? new Date();
  return db.transaction(async (tx) => {
    const [line] = await tx
      .select()
      .from(conversationMessages)
      .where(
        and(
          eq(conversationMessages.organizationId, p.orgId),
          eq(conversationMessages.id, p.lineId),
          eq(conversationMessages.author, 'customer'),
        ),
      )
      .for('update');
    if (!line) return { outcome: 'gone' };
    const eventKey = `assistant:${line.id}`;
    const answered = await tx.execute(
      sql`select 1 from messages where organization_id = ${p.orgId} and event_key = ${eventKey} limit 1`,
    );
    if (answered.length) return { outcome: 'already_answered' };
    const [conversation] = await tx
      .select()
      .from(conversations)
      .where(and(eq(conversations.organizationId, p.orgId), eq(conversations.id, line.conversationId)))
      .for('update');
    if (!conversation) return { outcome: 'gone' };
    const [settings] = await tx.select().from(portalSettings).where(eq(portalSettings.organizationId, p.orgId));
    const { locale } = await getMessagingSettings(tx, p.orgId);
    const c = { orgId: p.orgId, conversationId: conversation.id, phone: conversation.phone, locale };
    // The reply carries the line's event key: a retried job finds it and answers nothing more.
    const reply = async (text: string, intent: string) => {
      const queued = await queueConversationReply(tx, { ...c, text, author: 'assistant', intent });
      await tx
        .update(messages)
        .set({ eventKey })
        .where(and(eq(messages.organizationId, p.orgId), eq(messages.id, queued.messageId)));
    };

    const match = matchCommand(line.body);
    if (settings && !settings.assistantEnabled) {
      await flagForStaff(tx, p.orgId, conversation.id);
      // With the assistant off nothing is answered, but a STOP is still honoured (silently):
      // the organization's reminders keep going to WhatsApp, and opting out must work.
      if (match.intent === 'stop') {
        const senders = await customersOfSender(tx, { orgId: p.orgId, phone: conversation.phone });
        await setOptOut(tx, { ...c, senders }, true);
      }
      return { outcome: 'assistant_off' };
    }
    const senders = await customersOfSender(tx, { orgId: p.orgId, phone: conversation.phone });
    if (senders.length === 0) {
      await flagForStaff(tx, p.orgId, conversation.id);
      const since = new Date(now.getTime() - CONTACT_EVERY_MS);
      if ((await linesSince(tx, { ...c, since, intent: 'contact' })) > 0) return { outcome: 'unknown_sender' };
      await reply(await contactText(tx, p.orgId, locale, settings?.contactText ?? null), 'contact');
      return { outcome: 'unknown_sender' };
    }
    if (senders.every((s) => s.whatsappOptOut) && match.intent !== 'start') {
      // Nothing is sent to an opted-out number: its line waits in the inbox for a person.
      await flagForStaff(tx, p.orgId, conversation.id);
      return { outcome: 'opted_out' };
    }
    // A STOP is honoured even past the answer limit: it sends nothing, and a number being
    // flooded (a loop, a stuck reminder) is exactly one that must be able to opt out.
    if (match.intent === 'stop') {
      await setOptOut(tx, { ...c, senders }, true);
      return { outcome: 'silent', intent: 'stop' };
    }
    if ((await linesSince(tx, { ...c, since: new Date(now.getTime() - RATE_LIMIT.windowMs) })) >= RATE_LIMIT.answers) {
      await flagForStaff(tx, p.orgId, conversation.id);
      return { outcome: 'rate_limited' };
    }

    const ctx = { ...c, senders };
    const pending = conversation.assistantPending ?? null;
    let text: string | null;
    switch (match.intent) {
      case 'bill':
      case 'pay':
        text = await billText(tx, { ...ctx, linksOnly: match.intent === 'pay' });
        break;
      case 'status':
        text = await statusText(tx, ctx);
        break;
      case 'plan':
        text = planText(ctx);
        break;
      case 'menu':
        text = say(locale, 'menu');
        break;
      case 'report':
        text = await reportFault(tx, ctx, { text: match.text });
        break;
      case 'wifi':
        text = await askWifiChange(tx, ctx, pending);
        break;
      case 'wifi_help':
        text = say(locale, 'wifiHelp');
        break;
      case 'confirm':
        text = await confirmWifiChange(tx, ctx, pending, now);
        break;
      case 'start':
        await setOptOut(tx, ctx, false);
        text = say(locale, 'optedIn');
        break;
      default: {
        // Said once: a customer writing several lines to staff is not told after each one.
        const waiting = conversation.needsStaffAt !== null;
        await flagForStaff(tx, p.orgId, conversation.id);
        if (waiting) return { outcome: 'silent', intent: 'unknown' };
        await reply(say(locale, 'passedToStaff'), 'unknown');
        return { outcome: 'passed_to_staff', intent: 'unknown' };
      }
    }
    if (text === null) return { outcome: 'silent', intent: match.intent };
    await reply(text, match.intent);
    return { outcome: 'answered', intent: match.intent };
  });
}
