import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { messages, whatsappSessions } from '@/db/schema';
import { decryptSecret } from '@/lib/crypto';
import { safeEqual } from '@/lib/payments/signature';
import { parseCloudApiStatuses, verifyCloudApiWebhook } from './transports/cloud-api';

export type Receipt = { messageId: string; status: 'sent' | 'delivered' | 'read' | 'failed'; error?: string };

// Only a message the transport acknowledged (sent) can be delivered or read: a receipt for
// an old id of a message queued again must not mark the new attempt.
const RANK: Record<string, number> = { sent: 2, delivered: 3, read: 4 };

/**
 * Receipts move a message forward only (sent → delivered → read): WhatsApp does not promise
 * their order. A failure after "sent" (the recipient's phone refused it) marks it failed.
 */
export async function applyReceipts(db: Db, p: { orgId: string; receipts: Receipt[] }) {
  let updated = 0;
  for (const r of p.receipts) {
    if (r.status === 'failed') {
      const rows = await db
        .update(messages)
        .set({ status: 'failed', error: r.error ?? 'failed', updatedAt: sql`now()` })
        .where(
          and(
            eq(messages.organizationId, p.orgId),
            eq(messages.transportMessageId, r.messageId),
            eq(messages.status, 'sent'),
          ),
        )
        .returning({ id: messages.id });
      updated += rows.length;
      continue;
    }
    const lower = Object.entries(RANK)
      .filter(([, rank]) => rank < RANK[r.status]!)
      .map(([s]) => s) as ('sent' | 'delivered')[];
    const rows = await db
      .update(messages)
      .set({
        status: r.status,
        deliveredAt:
          r.status === 'delivered' || r.status === 'read'
            ? sql`coalesce(${messages.deliveredAt}, now())`
            : messages.deliveredAt,
        readAt: r.status === 'read' ? sql`now()` : messages.readAt,
        updatedAt: sql`now()`,
      })
      .where(
        and(
          eq(messages.organizationId, p.orgId),
          eq(messages.transportMessageId, r.messageId),
          inArray(messages.status, lower),
        ),
      )
      .returning({ id: messages.id });
    updated += rows.length;
  }
  return updated;
}

/**
 * The Cloud API webhook of one session (`/api/whatsapp/cloud/<session id>/webhook`): signed
 * with that account's app secret, which is how we know the receipts are its own.
 */
export async function receiveCloudApiWebhook(
  db: Db,
  p: { sessionId: string; rawBody: string; signature: string | null },
) {
  const session = await cloudSession(db, p.sessionId);
  if (!session) return { status: 404 };
  if (!session.config.appSecret || !verifyCloudApiWebhook(p.rawBody, p.signature, session.config.appSecret))
    return { status: 401 };
  let body: unknown;
  try {
    body = JSON.parse(p.rawBody);
  } catch {
    return { status: 400 };
  }
  const updated = await applyReceipts(db, { orgId: session.organizationId, receipts: parseCloudApiStatuses(body) });
  return { status: 200, updated };
}

/** Meta's subscription check: echo the challenge when the verify token is the session's. */
export async function verifyCloudApiSubscription(
  db: Db,
  p: { sessionId: string; mode: string | null; token: string | null; challenge: string | null },
) {
  const session = await cloudSession(db, p.sessionId);
  if (
    !session ||
    p.mode !== 'subscribe' ||
    !session.config.verifyToken ||
    !p.token ||
    !safeEqual(session.config.verifyToken, p.token) ||
    !p.challenge
  )
    return null;
  return p.challenge;
}

async function cloudSession(db: Db, sessionId: string) {
  if (!/^[0-9a-f-]{36}$/.test(sessionId)) return null;
  const [s] = await db
    .select()
    .from(whatsappSessions)
    .where(and(eq(whatsappSessions.id, sessionId), eq(whatsappSessions.transport, 'cloud_api')));
  if (!s?.configEnc) return null;
  return { organizationId: s.organizationId, config: JSON.parse(decryptSecret(s.configEnc)) as Record<string, string> };
}
