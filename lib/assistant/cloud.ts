import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { whatsappSessions } from '@/db/schema';
import { decryptSecret } from '@/lib/crypto';
import { parseCloudApiMessages, verifyCloudApiWebhook } from '@/lib/messaging/transports/cloud-api';
import { handleInboundMessage } from './inbound';

/**
 * Customers' texts in a Cloud API webhook of one session (`/api/whatsapp/cloud/<id>/webhook`),
 * to the assistant. The signature is checked here again with the session's app secret (the
 * receipts' check is another module's): only Meta, signing for this account, can make a
 * line appear in this organization's inbox.
 */
export async function receiveCloudApiMessages(
  db: Db,
  p: { sessionId: string; rawBody: string; signature: string | null },
) {
  if (!/^[0-9a-f-]{36}$/.test(p.sessionId)) return { status: 404, stored: 0 };
  const [session] = await db
    .select()
    .from(whatsappSessions)
    .where(and(eq(whatsappSessions.id, p.sessionId), eq(whatsappSessions.transport, 'cloud_api')));
  if (!session?.configEnc) return { status: 404, stored: 0 };
  const { appSecret, phoneNumberId } = JSON.parse(decryptSecret(session.configEnc)) as {
    appSecret?: string;
    phoneNumberId?: string;
  };
  if (!appSecret || !verifyCloudApiWebhook(p.rawBody, p.signature, appSecret)) return { status: 401, stored: 0 };
  let body: unknown;
  try {
    body = JSON.parse(p.rawBody);
  } catch {
    return { status: 400, stored: 0 };
  }
  let stored = 0;
  for (const m of parseCloudApiMessages(ownNumberOnly(body, phoneNumberId))) {
    const r = await handleInboundMessage(db, {
      orgId: session.organizationId,
      sessionId: session.id,
      fromPhone: m.from,
      text: m.text,
      transportMessageId: m.messageId,
      receivedAt: m.sentAt,
    });
    if (r.stored) stored++;
  }
  return { status: 200, stored };
}

/**
 * Only the changes addressed to this session's own number (`value.metadata.phone_number_id`).
 * One Meta app (one app secret, one callback URL) can hold the numbers of several
 * organizations (a provider serving many ISPs): a text to another organization's number,
 * signed with the same secret, must not become a line in this organization's inbox, nor be
 * answered with this organization's customers' data.
 */
export function ownNumberOnly(body: unknown, phoneNumberId: string | undefined): unknown {
  if (!phoneNumberId || typeof body !== 'object' || body === null) return { entry: [] };
  const entries = (body as { entry?: unknown }).entry;
  if (!Array.isArray(entries)) return { entry: [] };
  return {
    entry: entries.map((entry) => {
      const changes = (entry as { changes?: unknown } | null)?.changes;
      return {
        changes: Array.isArray(changes)
          ? changes.filter(
              (change) =>
                String(
                  (change as { value?: { metadata?: { phone_number_id?: unknown } } } | null)?.value?.metadata
                    ?.phone_number_id ?? '',
                ) === phoneNumberId,
            )
          : [],
      };
    }),
  };
}
