import { rm } from 'node:fs/promises';
import path from 'node:path';
import { env } from '@/lib/env';
import { sniffFileType } from '@/lib/server/files';

/** Photos live in FILES_DIR/<organization id>/network/. */
export const PHOTO_FOLDER = 'network';
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;
export const PHOTO_TYPES = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' } as const;
export type PhotoType = keyof typeof PHOTO_TYPES;

/** The image type by its first bytes (never the browser's claim); a PDF is not a photo. */
export function sniffImage(bytes: Uint8Array): PhotoType | null {
  const type = sniffFileType(bytes);
  return type && Object.hasOwn(PHOTO_TYPES, type) ? (type as PhotoType) : null;
}

/** What the photo route sends as content-type, from the stored file's extension. */
export function photoTypeOf(relative: string): PhotoType {
  const ext = path.extname(relative).slice(1);
  const found = (Object.entries(PHOTO_TYPES) as [PhotoType, string][]).find(([, e]) => e === ext);
  return found?.[0] ?? 'image/jpeg';
}

/**
 * Deletes a replaced or orphaned photo. Best effort, after the database change committed:
 * a file left behind wastes a little disk, a row pointing at a missing file would not.
 */
export async function removeStoredPhoto(relative: string | null | undefined, filesDir?: string) {
  if (!relative) return;
  await rm(path.join(filesDir ?? env().FILES_DIR, relative), { force: true }).catch(() => undefined);
}

/** A stored photo path (relative to FILES_DIR) that stays inside this organization's photo folder. */
export function isOrgPhotoPath(orgId: string, relative: string): boolean {
  const normal = path.posix.normalize(relative);
  return normal === relative && normal.startsWith(`${orgId}/${PHOTO_FOLDER}/`) && !normal.split('/').includes('..');
}
