import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { conversations, customers, whatsappSessions } from '@/db/schema';
import { normalizePhone } from '@/lib/core/phone';
import { encryptSecret } from '@/lib/crypto';
import { recordConversationLine } from '@/lib/inbox/record';
import { enqueue } from '@/lib/jobs/enqueue';
import { assistantReply } from './jobs';
import { matchCommand, shownLine } from './matcher';

export type InboundMessage = {
  orgId: string;
  /** The session (linked device, Cloud API number) the customer wrote to. */
  sessionId: string | null;
  /** The sender's number as the transport gives it (628…, +62 8…). */
  fromPhone: string;
  text: string;
  /** The transport's id of the message: a redelivery is stored (and answered) once. */
  transportMessageId: string | null;
  receivedAt: Date;
};

/** A message older than this when it reaches us (a device catching up after a day offline) is stored, not answered. */
const ANSWER_WITHIN_MS = 6 * 3600_000;
const MAX_TEXT = 4000;

/**
 * Every transport's inbound text comes here (Baileys' messages.upsert, the Cloud API
 * webhook). The line is stored first and its answer queued as a job in the same
 * transaction, so a failing answer is retried and never loses the message. A WiFi
 * password is stored only encrypted (in the conversation's pending change), the line shows
 * it masked. The organization's own session numbers are never answered (no bot loops).
 */
export async function handleInboundMessage(db: Db, m: InboundMessage) {
  const digits = m.fromPhone.replace(/\D/g, '');
  const phone = normalizePhone(m.fromPhone) ?? digits;
  const text = m.text.slice(0, MAX_TEXT);
  if (!phone || !text.trim()) return { stored: false as const, reason: 'empty' as const };
  const own = await db
    .select({ id: whatsappSessions.id })
    .from(whatsappSessions)
    .where(and(eq(whatsappSessions.organizationId, m.orgId), eq(whatsappSessions.phone, phone)))
    .limit(1);
  if (own.length) return { stored: false as const, reason: 'own_number' as const };
  const match = matchCommand(text);
  return db.transaction(async (tx) => {
    const [customer] = await tx
      .select({ id: customers.id })
      .from(customers)
      .where(and(eq(customers.organizationId, m.orgId), eq(customers.phone, phone)))
      .orderBy(customers.number)
      .limit(1);
    const line = await recordConversationLine(tx, {
      orgId: m.orgId,
      phone,
      author: 'customer',
      body: shownLine(text, match),
      customerId: customer?.id ?? null,
      sessionId: m.sessionId,
      transportMessageId: m.transportMessageId,
      intent: match.intent === 'unknown' ? null : match.intent,
    });
    if (line.duplicate) return { stored: false as const, reason: 'duplicate' as const, ...line };
    if (match.intent === 'wifi')
      await tx
        .update(conversations)
        .set({
          assistantPending: {
            kind: 'wifi',
            ssid: match.ssid,
            passwordEnc: encryptSecret(match.password),
            subscriptionId: null,
            at: m.receivedAt.toISOString(),
          },
        })
        .where(and(eq(conversations.organizationId, m.orgId), eq(conversations.id, line.conversationId)));
    const fresh = Date.now() - m.receivedAt.getTime() < ANSWER_WITHIN_MS;
    if (fresh) await enqueue(tx, assistantReply, { orgId: m.orgId, payload: { lineId: line.lineId! } });
    return { stored: true as const, answered: fresh, ...line };
  });
}
