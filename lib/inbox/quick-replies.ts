import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '@/db/client';
import { quickReplies } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { AppError } from '@/lib/server/errors';
import type { Actor } from '@/lib/server/operation';
import type { quickReplySchema } from './schemas';

/** Creates a quick reply, or updates one of the organization's (`quickReplyId`). */
export async function saveQuickReply(db: Db, p: Actor & z.output<typeof quickReplySchema>) {
  return db.transaction(async (tx) => {
    const values = { title: p.title, body: p.body };
    const [row] = p.quickReplyId
      ? await tx
          .update(quickReplies)
          .set(values)
          .where(and(eq(quickReplies.organizationId, p.orgId), eq(quickReplies.id, p.quickReplyId)))
          .returning({ id: quickReplies.id })
      : await tx
          .insert(quickReplies)
          .values({ organizationId: p.orgId, ...values })
          .returning({ id: quickReplies.id });
    if (!row) throw new AppError('not_found');
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      action: p.quickReplyId ? 'quick_reply.updated' : 'quick_reply.created',
      entityType: 'quick_reply',
      entityId: row.id,
      ip: p.ip,
      data: { title: p.title },
    });
    return { id: row.id };
  });
}

export async function deleteQuickReply(db: Db, p: Actor & { quickReplyId: string }) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .delete(quickReplies)
      .where(and(eq(quickReplies.organizationId, p.orgId), eq(quickReplies.id, p.quickReplyId)))
      .returning({ id: quickReplies.id, title: quickReplies.title });
    if (!row) throw new AppError('not_found');
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      action: 'quick_reply.deleted',
      entityType: 'quick_reply',
      entityId: row.id,
      ip: p.ip,
      data: { title: row.title },
    });
    return { id: row.id };
  });
}
