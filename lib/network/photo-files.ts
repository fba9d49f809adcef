import { rm } from 'node:fs/promises';
import path from 'node:path';
import { env } from '@/lib/env';

/** Photos live in FILES_DIR/<organization id>/network/. */
export const PHOTO_FOLDER = 'network';
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;
export const PHOTO_TYPES = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' } as const;
export type PhotoType = keyof typeof PHOTO_TYPES;

/**
 * The image type by its first bytes. The browser's declared type is only a claim: a renamed
 * PDF or script must not be stored and later served as an image.
 */
export function sniffImage(bytes: Uint8Array): PhotoType | null {
  const at = (i: number, ...values: number[]) => values.every((v, k) => bytes[i + k] === v);
  if (at(0, 0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  // RIFF....WEBP
  if (at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return 'image/webp';
  return null;
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
