import { rm } from 'node:fs/promises';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { workOrderPhotos, workOrders } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { env } from '@/lib/env';
import type { Locale } from '@/lib/i18n/config';
import { PHOTO_MAX_BYTES, PHOTO_TYPES, removeStoredPhoto, sniffImage } from '@/lib/infrastructure/photo-files';
import { AppError } from '@/lib/server/errors';
import { storeOrgFile } from '@/lib/server/files';
import { stepTime } from './constants';
import { recordEvent } from './events';
import { conflictAnswer, fieldGuard } from './guard';
import { bytesDigest, type KeyScope, onceByKey, storedAnswer } from './idempotency';
import { assignedTo } from './queries';
import type { FieldResult } from './schemas';

/** Photos and signatures of a work order live in FILES_DIR/<organization>/work-orders/<id>/. */
export const WORK_ORDER_FOLDER = 'work-orders';

/** A stored path (relative to FILES_DIR) inside this organization's work-order folder. */
export function isWorkOrderFilePath(orgId: string, relative: string): boolean {
  const normal = path.posix.normalize(relative);
  return (
    normal === relative && normal.startsWith(`${orgId}/${WORK_ORDER_FOLDER}/`) && !normal.split('/').includes('..')
  );
}

type Upload = {
  orgId: string;
  userId: string;
  workOrderId: string;
  key: string;
  bytes: Buffer;
  locale?: Locale;
  ip?: string | null;
  filesDir?: string;
};

/** The image's type by its bytes (PNG, JPEG or WebP only; the phone's claim is not trusted). */
function checkImage(bytes: Buffer) {
  if (bytes.length === 0) throw new AppError('validation', {}, { photo: 'validation.photoRequired' });
  if (bytes.length > PHOTO_MAX_BYTES) throw new AppError('validation', {}, { photo: 'validation.photoSize' });
  const type = sniffImage(new Uint8Array(bytes.subarray(0, 16)));
  if (!type) throw new AppError('validation', {}, { photo: 'validation.photoType' });
  return type;
}

/**
 * Stores the file under a name made from the key, so a repeated upload writes the same file
 * again instead of leaving a second one. Checked first (read only) so nothing is written for a
 * work order the technician is not on; checked again, locked, when the row goes in.
 */
async function storeUpload(db: Db, p: Upload, prefix: string) {
  const type = checkImage(p.bytes);
  const early = await fieldGuard(db, p);
  if (early.conflict) return { conflict: early, relative: null, type };
  const relative = await storeOrgFile({
    orgId: p.orgId,
    folder: path.join(WORK_ORDER_FOLDER, p.workOrderId),
    name: `${prefix}${p.key}.${PHOTO_TYPES[type]}`,
    file: new File([new Uint8Array(p.bytes)], 'upload'),
    filesDir: p.filesDir,
  });
  return { conflict: null, relative, type };
}

/** An upload's key, bound to its file's bytes and details (the time it was taken is not: a resend may round it). */
function keyScope(p: Upload, kind: string, details: Record<string, unknown>): KeyScope {
  return {
    orgId: p.orgId,
    userId: p.userId,
    key: p.key,
    request: { kind, workOrderId: p.workOrderId, body: { ...details, bytes: bytesDigest(p.bytes) } },
  };
}

/** One photo of the visit, exactly once per key. */
export async function saveWorkOrderPhoto(
  db: Db,
  p: Upload & { mime?: string; takenAt?: Date | string; caption?: string | null },
): Promise<FieldResult & { photoId?: string }> {
  const locale = p.locale ?? 'id';
  const scope = keyScope(p, 'photo', { caption: p.caption ?? null });
  const earlier = await storedAnswer(db, scope);
  if (earlier) return earlier.response as FieldResult & { photoId?: string };
  const stored = await storeUpload(db, p, '');
  if (stored.conflict) return conflictAnswer(locale, stored.conflict.conflict, stored.conflict.wo?.version);
  const answer = await onceByKey(db, scope, async (tx): Promise<FieldResult & { photoId?: string }> => {
    const guard = await fieldGuard(tx, { ...p, lock: true });
    if (guard.conflict) return conflictAnswer(locale, guard.conflict, guard.wo?.version);
    const takenAt = stepTime(new Date(p.takenAt ?? Date.now()).toISOString(), new Date(), guard.wo.createdAt);
    const [photo] = await tx
      .insert(workOrderPhotos)
      .values({
        organizationId: p.orgId,
        workOrderId: p.workOrderId,
        path: stored.relative!,
        mime: stored.type,
        bytes: p.bytes.length,
        caption: p.caption ?? null,
        takenBy: p.userId,
        takenAt,
      })
      .returning({ id: workOrderPhotos.id });
    await recordEvent(tx, {
      orgId: p.orgId,
      workOrderId: p.workOrderId,
      kind: 'photo',
      userId: p.userId,
      data: { photoId: photo!.id, caption: p.caption ?? null },
      happenedAt: takenAt,
    });
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.userId,
      ip: p.ip ?? null,
      action: 'workorder.photo_added',
      entityType: 'work_order',
      entityId: p.workOrderId,
      data: { photoId: photo!.id, bytes: p.bytes.length },
    });
    return { ok: true, version: guard.wo.version, photoId: photo!.id };
  });
  // Refused after the file was written (reassigned in between): the file goes too.
  if (!answer.ok) await removeUnlinked(stored.relative!, p.filesDir);
  return answer;
}

/** The customer's signature (replacing an earlier one), exactly once per key. */
export async function saveWorkOrderSignature(db: Db, p: Upload & { signedName: string }): Promise<FieldResult> {
  const locale = p.locale ?? 'id';
  const scope = keyScope(p, 'signature', { signedName: p.signedName });
  const earlier = await storedAnswer(db, scope);
  if (earlier) return earlier.response as FieldResult;
  const stored = await storeUpload(db, p, 'signature-');
  if (stored.conflict) return conflictAnswer(locale, stored.conflict.conflict, stored.conflict.wo?.version);
  let replaced: string | null = null;
  const answer = await onceByKey(db, scope, async (tx): Promise<FieldResult> => {
    const guard = await fieldGuard(tx, { ...p, lock: true });
    if (guard.conflict) return conflictAnswer(locale, guard.conflict, guard.wo?.version);
    replaced = guard.wo.signaturePath !== stored.relative ? guard.wo.signaturePath : null;
    await tx
      .update(workOrders)
      .set({ signaturePath: stored.relative, signedName: p.signedName, signedAt: sql`now()`, updatedAt: sql`now()` })
      .where(and(eq(workOrders.id, p.workOrderId), eq(workOrders.organizationId, p.orgId)));
    await recordEvent(tx, {
      orgId: p.orgId,
      workOrderId: p.workOrderId,
      kind: 'signature',
      userId: p.userId,
      data: { signedName: p.signedName },
    });
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.userId,
      ip: p.ip ?? null,
      action: 'workorder.signed',
      entityType: 'work_order',
      entityId: p.workOrderId,
      data: { signedName: p.signedName },
    });
    return { ok: true, version: guard.wo.version };
  });
  if (!answer.ok) await removeUnlinked(stored.relative!, p.filesDir);
  else await removeStoredPhoto(replaced, p.filesDir);
  return answer;
}

async function removeUnlinked(relative: string, filesDir?: string) {
  await rm(path.join(filesDir ?? env().FILES_DIR, relative), { force: true }).catch(() => undefined);
}

/** Where a work order's photo or signature file is, for the file route; another organization's is "not found". */
export async function workOrderFilePath(
  db: Db,
  p: { orgId: string; workOrderId: string; file: string; onlyAssignedTo?: string },
) {
  if (p.onlyAssignedTo) {
    const [mine] = await db
      .select({ id: workOrders.id })
      .from(workOrders)
      .where(
        and(
          eq(workOrders.id, p.workOrderId),
          eq(workOrders.organizationId, p.orgId),
          assignedTo(db, { orgId: p.orgId, userId: p.onlyAssignedTo }),
        ),
      );
    if (!mine) throw new AppError('not_found');
  }
  if (p.file === 'signature') {
    const [wo] = await db
      .select({ path: workOrders.signaturePath })
      .from(workOrders)
      .where(and(eq(workOrders.id, p.workOrderId), eq(workOrders.organizationId, p.orgId)));
    if (!wo?.path || !isWorkOrderFilePath(p.orgId, wo.path)) throw new AppError('not_found');
    return { path: wo.path };
  }
  const [photo] = await db
    .select({ path: workOrderPhotos.path })
    .from(workOrderPhotos)
    .where(
      and(
        eq(workOrderPhotos.id, p.file),
        eq(workOrderPhotos.workOrderId, p.workOrderId),
        eq(workOrderPhotos.organizationId, p.orgId),
      ),
    );
  if (!photo || !isWorkOrderFilePath(p.orgId, photo.path)) throw new AppError('not_found');
  return { path: photo.path };
}
