import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { organizations } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { PHOTO_TYPES, photoTypeOf, removeStoredPhoto, sniffImage } from '@/lib/infrastructure/photo-files';
import { AppError } from '@/lib/server/errors';
import { storeOrgFile } from '@/lib/server/files';
import type { Actor } from '@/lib/server/operation';

/** Logos live in FILES_DIR/<organization id>/branding/ (beside the invoice logo). */
export const LOGO_FOLDER = 'branding';
// The header shows it at 32 px: a small file is plenty, and it is read on every page.
export const LOGO_MAX_BYTES = 512 * 1024;

export const logoUploadSchema = z.object({
  // An empty file input arrives as a 0-byte file.
  logo: z
    .instanceof(File, { message: 'validation.logoRequired' })
    .refine((f) => f.size > 0, 'validation.logoRequired')
    .refine((f) => f.size <= LOGO_MAX_BYTES, 'validation.logoSize')
    .refine((f) => f.type === '' || Object.hasOwn(PHOTO_TYPES, f.type), 'validation.logoType'),
});

/** A stored logo path that stays inside this organization's branding folder. */
export function isOrgLogoPath(orgId: string, relative: string): boolean {
  const normal = path.posix.normalize(relative);
  return normal === relative && normal.startsWith(`${orgId}/${LOGO_FOLDER}/org-logo-`) && !normal.includes('..');
}

async function lockedLogo(db: Db, orgId: string) {
  const [row] = await db
    .select({ logoPath: organizations.logoPath })
    .from(organizations)
    .where(eq(organizations.id, orgId))
    .for('update');
  if (!row) throw new AppError('not_found');
  return row.logoPath;
}

/**
 * Stores the organization's logo (PNG, JPEG or WebP by its bytes, never the browser's claim),
 * replacing the previous one. Each upload gets a new name, so the header never shows a stale copy.
 */
export async function uploadOrganizationLogo(db: Db, p: Actor & { logo: File; filesDir?: string }) {
  const type = sniffImage(new Uint8Array(await p.logo.slice(0, 16).arrayBuffer()));
  if (!type) throw new AppError('validation', {}, { logo: 'validation.logoType' });
  const stored = await storeOrgFile({
    orgId: p.orgId,
    folder: LOGO_FOLDER,
    name: `org-logo-${randomUUID().slice(0, 8)}.${PHOTO_TYPES[type]}`,
    file: p.logo,
    filesDir: p.filesDir,
  });
  let previous: string | null;
  try {
    previous = await db.transaction(async (tx) => {
      const before = await lockedLogo(tx, p.orgId);
      await tx
        .update(organizations)
        .set({ logoPath: stored, updatedAt: sql`now()` })
        .where(eq(organizations.id, p.orgId));
      await recordAudit(tx, {
        orgId: p.orgId,
        actorUserId: p.actorUserId,
        ip: p.ip,
        action: 'organization.logo_updated',
        entityType: 'organization',
        entityId: p.orgId,
        data: { logo: stored, replaced: before },
      });
      return before;
    });
  } catch (error) {
    await removeStoredPhoto(stored, p.filesDir);
    throw error;
  }
  await removeStoredPhoto(previous, p.filesDir);
  return { logoPath: stored };
}

export async function removeOrganizationLogo(db: Db, p: Actor & { filesDir?: string }) {
  const previous = await db.transaction(async (tx) => {
    const before = await lockedLogo(tx, p.orgId);
    if (!before) return null;
    await tx.update(organizations).set({ logoPath: null, updatedAt: sql`now()` }).where(eq(organizations.id, p.orgId));
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'organization.logo_removed',
      entityType: 'organization',
      entityId: p.orgId,
      data: { logo: before },
    });
    return before;
  });
  await removeStoredPhoto(previous, p.filesDir);
  return { removed: previous !== null };
}

/** Where the logo route reads the file from; only a file in this organization's own folder. */
export async function getOrganizationLogo(db: Db, p: { orgId: string }) {
  const [row] = await db
    .select({ logoPath: organizations.logoPath })
    .from(organizations)
    .where(eq(organizations.id, p.orgId));
  if (!row?.logoPath || !isOrgLogoPath(p.orgId, row.logoPath)) throw new AppError('not_found');
  return { path: row.logoPath, type: photoTypeOf(row.logoPath) };
}
