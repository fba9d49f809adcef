import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { cables, infraSites, odps } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { AppError } from '@/lib/server/errors';
import { storeOrgFile } from '@/lib/server/files';
import type { Actor } from '@/lib/server/operation';
import {
  isOrgPhotoPath,
  PHOTO_FOLDER,
  PHOTO_MAX_BYTES,
  PHOTO_TYPES,
  photoTypeOf,
  removeStoredPhoto,
  sniffImage,
} from './photo-files';

export const PHOTO_KINDS = ['odp', 'site', 'cable'] as const;
export type PhotoKind = (typeof PHOTO_KINDS)[number];

export const photoRefSchema = z.object({
  kind: z.enum(PHOTO_KINDS, 'validation.invalid'),
  id: z.string().uuid('validation.invalid'),
});

export const photoUploadSchema = photoRefSchema.extend({
  // An empty file input arrives as a 0-byte file.
  photo: z
    .instanceof(File, { message: 'validation.photoRequired' })
    .refine((f) => f.size > 0, 'validation.photoRequired')
    .refine((f) => f.size <= PHOTO_MAX_BYTES, 'validation.photoSize')
    .refine((f) => f.type === '' || Object.hasOwn(PHOTO_TYPES, f.type), 'validation.photoType'),
});

const TABLES = { odp: odps, site: infraSites, cable: cables } as const;

async function currentPhoto(db: Db, p: { orgId: string; kind: PhotoKind; id: string }, lock = false) {
  // The three tables share these columns; one query shape serves them all.
  const t = TABLES[p.kind] as typeof odps;
  const query = db
    .select({ id: t.id, code: t.code, photoPath: t.photoPath })
    .from(t)
    .where(and(eq(t.id, p.id), eq(t.organizationId, p.orgId)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw new AppError('not_found');
  return row;
}

async function setPhotoPath(db: Db, p: { orgId: string; kind: PhotoKind; id: string; photoPath: string | null }) {
  const t = TABLES[p.kind] as typeof odps;
  await db
    .update(t)
    .set({ photoPath: p.photoPath, updatedAt: sql`now()` })
    .where(and(eq(t.id, p.id), eq(t.organizationId, p.orgId)));
}

/**
 * Stores one photo of an ODP, site or cable (replacing the previous one). The type is
 * decided by the file's bytes; each upload gets a new name so browsers never show a stale copy.
 */
export async function uploadInfraPhoto(
  db: Db,
  p: Actor & z.output<typeof photoRefSchema> & { photo: File; filesDir?: string },
) {
  await currentPhoto(db, p);
  const type = sniffImage(new Uint8Array(await p.photo.slice(0, 16).arrayBuffer()));
  if (!type) throw new AppError('validation', {}, { photo: 'validation.photoType' });
  const stored = await storeOrgFile({
    orgId: p.orgId,
    folder: PHOTO_FOLDER,
    name: `${p.kind}-${p.id}-${randomUUID().slice(0, 8)}.${PHOTO_TYPES[type]}`,
    file: p.photo,
    filesDir: p.filesDir,
  });
  let previous: string | null;
  try {
    previous = await db.transaction(async (tx) => {
      const row = await currentPhoto(tx, p, true);
      await setPhotoPath(tx, { ...p, photoPath: stored });
      await recordAudit(tx, {
        orgId: p.orgId,
        actorUserId: p.actorUserId,
        ip: p.ip,
        action: `${p.kind}.photo_updated`,
        entityType: p.kind,
        entityId: p.id,
        data: { code: row.code, photo: stored, replaced: row.photoPath },
      });
      return row.photoPath;
    });
  } catch (error) {
    await removeStoredPhoto(stored, p.filesDir);
    throw error;
  }
  await removeStoredPhoto(previous, p.filesDir);
  return { photoPath: stored };
}

export async function removeInfraPhoto(db: Db, p: Actor & z.output<typeof photoRefSchema> & { filesDir?: string }) {
  const previous = await db.transaction(async (tx) => {
    const row = await currentPhoto(tx, p, true);
    if (!row.photoPath) return null;
    await setPhotoPath(tx, { ...p, photoPath: null });
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: `${p.kind}.photo_removed`,
      entityType: p.kind,
      entityId: p.id,
      data: { code: row.code, photo: row.photoPath },
    });
    return row.photoPath;
  });
  await removeStoredPhoto(previous, p.filesDir);
  return { removed: previous !== null };
}

/**
 * Where the photo route reads the file from, and what it says it is. Only a file in this
 * organization's own folder is ever read, whatever the row says (a restored backup or a hand
 * edit must not make the route read /etc or another tenant's files).
 */
export async function getInfraPhoto(db: Db, p: { orgId: string } & z.output<typeof photoRefSchema>) {
  const row = await currentPhoto(db, p);
  if (!row.photoPath || !isOrgPhotoPath(p.orgId, row.photoPath)) throw new AppError('not_found');
  return { path: row.photoPath, type: photoTypeOf(row.photoPath) };
}
