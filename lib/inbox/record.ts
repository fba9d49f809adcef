import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { ConversationAuthor } from '@/db/enums';
import { conversationMessages, conversations } from '@/db/schema';

export type ConversationLine = {
  orgId: string;
  /** Normalised 62… number. */
  phone: string;
  author: ConversationAuthor;
  body: string;
  customerId?: string | null;
  sessionId?: string | null;
  transportMessageId?: string | null;
  intent?: string | null;
  messageId?: string | null;
  authorUserId?: string | null;
};

const PREVIEW_LENGTH = 120;

/**
 * Appends one line to the number's conversation (made on its first line). A customer's line
 * reopens the conversation, counts as unread and remembers the session it came through (the
 * replies go out through it); a line whose transport id was already stored (a redelivered
 * webhook, a replayed socket message) is not stored again: `duplicate` is then true.
 */
export async function recordConversationLine(db: Db, line: ConversationLine) {
  const inbound = line.author === 'customer';
  const now = new Date();
  const preview = line.body.replace(/\s+/g, ' ').trim().slice(0, PREVIEW_LENGTH);
  const [conversation] = await db
    .insert(conversations)
    .values({
      organizationId: line.orgId,
      phone: line.phone,
      customerId: line.customerId ?? null,
      sessionId: line.sessionId ?? null,
      lastMessageAt: now,
      lastPreview: preview,
      ...(inbound ? { unread: 0, lastInboundAt: now } : {}),
    })
    .onConflictDoUpdate({
      target: [conversations.organizationId, conversations.phone],
      set: {
        lastMessageAt: now,
        lastPreview: preview,
        ...(line.customerId !== undefined ? { customerId: line.customerId } : {}),
        ...(inbound
          ? {
              status: 'open' as const,
              lastInboundAt: now,
              ...(line.sessionId ? { sessionId: line.sessionId } : {}),
            }
          : {}),
      },
    })
    .returning({ id: conversations.id });
  const [row] = await db
    .insert(conversationMessages)
    .values({
      organizationId: line.orgId,
      conversationId: conversation!.id,
      author: line.author,
      body: line.body,
      transportMessageId: line.transportMessageId ?? null,
      intent: line.intent ?? null,
      messageId: line.messageId ?? null,
      authorUserId: line.authorUserId ?? null,
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: conversationMessages.id });
  if (row && inbound)
    await db
      .update(conversations)
      .set({ unread: sql`${conversations.unread} + 1` })
      .where(and(eq(conversations.organizationId, line.orgId), eq(conversations.id, conversation!.id)));
  return { conversationId: conversation!.id, lineId: row?.id ?? null, duplicate: !row };
}
