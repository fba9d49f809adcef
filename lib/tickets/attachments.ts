import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '@/db/client';
import { ticketAttachments } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { removeStoredPhoto } from '@/lib/infrastructure/photo-files';
import { AppError } from '@/lib/server/errors';
import { sniffUpload, storeOrgFile } from '@/lib/server/files';
import type { Actor } from '@/lib/server/operation';
import { lockTicket } from './mutations';
import { formatTicketNumber } from './number';
import type { attachmentRefSchema, attachmentSchema } from './schemas';

/** Files live in FILES_DIR/<organization id>/tickets/. */
export const ATTACHMENT_FOLDER = 'tickets';
const EXT = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'application/pdf': 'pdf' } as const;

/** A photo (or a PDF, e.g. a transfer slip) on a ticket. The type is decided by the bytes, not the browser. */
export async function addTicketAttachment(
  db: Db,
  p: Actor & z.output<typeof attachmentSchema> & { filesDir?: string },
) {
  const type = await sniffUpload(p.file);
  if (!type) throw new AppError('validation', {}, { file: 'tickets.errors.fileType' });
  const stored = await storeOrgFile({
    orgId: p.orgId,
    folder: ATTACHMENT_FOLDER,
    name: `${p.ticketId}-${randomUUID().slice(0, 8)}.${EXT[type]}`,
    file: p.file,
    filesDir: p.filesDir,
  });
  try {
    return await db.transaction(async (tx) => {
      const t = await lockTicket(tx, p.orgId, p.ticketId);
      const [row] = await tx
        .insert(ticketAttachments)
        .values({
          organizationId: p.orgId,
          ticketId: t.id,
          path: stored,
          // The name the phone gave, cut to something that prints safely.
          fileName: (p.file.name || `photo.${EXT[type]}`).replace(/[^\w.\- ]+/g, '_').slice(0, 120),
          mime: type,
          bytes: p.file.size,
          createdBy: p.actorUserId,
        })
        .returning({ id: ticketAttachments.id });
      await recordAudit(tx, {
        orgId: p.orgId,
        actorUserId: p.actorUserId,
        ip: p.ip,
        action: 'ticket.attachment_added',
        entityType: 'ticket',
        entityId: t.id,
        data: { number: formatTicketNumber(t.number), file: stored },
      });
      return { id: row!.id };
    });
  } catch (error) {
    await removeStoredPhoto(stored, p.filesDir);
    throw error;
  }
}

/** Where the attachment route reads a file from: only this organization's ticket folder, whatever the row says. */
export async function getTicketAttachment(db: Db, p: { orgId: string } & z.output<typeof attachmentRefSchema>) {
  const [row] = await db
    .select({ path: ticketAttachments.path, fileName: ticketAttachments.fileName })
    .from(ticketAttachments)
    .where(and(eq(ticketAttachments.organizationId, p.orgId), eq(ticketAttachments.id, p.attachmentId)));
  const normal = row ? path.posix.normalize(row.path) : '';
  if (!row || normal !== row.path || !normal.startsWith(`${p.orgId}/${ATTACHMENT_FOLDER}/`) || normal.includes('..'))
    throw new AppError('not_found');
  return row;
}
