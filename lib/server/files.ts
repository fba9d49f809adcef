import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { env } from '@/lib/env';

/**
 * Stores an uploaded file under FILES_DIR/<organization>/<folder>/<name>, so no file is ever
 * filed where another tenant's files live. Returns the path relative to FILES_DIR (what rows keep).
 */
export async function storeOrgFile(p: {
  orgId: string;
  folder: string;
  name: string;
  file: File;
  filesDir?: string;
}): Promise<string> {
  const relative = path.join(p.orgId, p.folder, p.name);
  const absolute = path.join(p.filesDir ?? env().FILES_DIR, relative);
  await mkdir(path.dirname(absolute), { recursive: true });
  await writeFile(absolute, Buffer.from(await p.file.arrayBuffer()));
  return relative;
}

export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type SniffedType = (typeof IMAGE_TYPES)[number] | 'application/pdf';

/**
 * A file's type by its first bytes. The browser's declared type (and the file name) are only
 * a claim: a renamed HTML page or script must never be stored and later served as an image.
 */
export function sniffFileType(bytes: Uint8Array): SniffedType | null {
  const at = (i: number, ...values: number[]) => values.every((v, k) => bytes[i + k] === v);
  if (at(0, 0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  // RIFF....WEBP
  if (at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return 'image/webp';
  if (at(0, 0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf'; // %PDF-
  return null;
}

/** The type of an uploaded file by its bytes (its first 16 are enough). */
export async function sniffUpload(file: File): Promise<SniffedType | null> {
  return sniffFileType(new Uint8Array(await file.slice(0, 16).arrayBuffer()));
}

/** A stored file's bytes, or null when it is gone (a missing file is a 404, not a 500). */
export async function readOrgFile(relative: string): Promise<Buffer | null> {
  return readFile(path.join(env().FILES_DIR, relative)).catch(() => null);
}

/**
 * How an uploaded file is sent back: typed by its bytes (whatever was recorded at upload),
 * shown in the page only when it is an image, otherwise downloaded as an attachment, and
 * never sniffed by the browser into something it renders or runs.
 */
export function uploadedFileHeaders(bytes: Uint8Array, baseName: string): Record<string, string> {
  const type = sniffFileType(bytes);
  const image = type !== null && (IMAGE_TYPES as readonly string[]).includes(type);
  const ext = type
    ? { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'application/pdf': 'pdf' }[type]
    : 'bin';
  const name = `${baseName.replace(/[^\w-]+/g, '-')}.${ext}`;
  return {
    'content-type': type ?? 'application/octet-stream',
    'content-disposition': `${image ? 'inline' : 'attachment'}; filename="${name}"`,
    'x-content-type-options': 'nosniff',
  };
}
