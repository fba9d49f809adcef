import { randomUUID } from 'node:crypto';
import { appendFile, mkdir, readdir, rm, stat, truncate } from 'node:fs/promises';
import path from 'node:path';
import { env } from '@/lib/env';
import { AppError } from '@/lib/server/errors';

/**
 * An export ZIP on its way to an import arrives in pieces (UPLOAD_PIECE_BYTES), appended to a
 * file on disk: a 2 GB export is never in memory, and a piece sent again after a dropped
 * connection replaces itself. Uploads are the platform's (super admins), kept a day, in
 * FILES_DIR/org-imports/.
 */
const KEEP_MS = 86_400_000;

const folder = (filesDir: string) => path.join(filesDir, 'org-imports');

export function uploadFile(filesDir: string, uploadId: string) {
  return path.join(folder(filesDir), `${uploadId}.zip`);
}

/** A finished upload's path; gone (removed after a day, or never there) is said so. */
export async function uploadedFile(p: { uploadId: string; filesDir?: string }) {
  const file = uploadFile(p.filesDir ?? env().FILES_DIR, p.uploadId);
  if (!(await stat(file).catch(() => null))) throw new AppError('upload_gone');
  return file;
}

async function removeStale(dir: string) {
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const info = await stat(path.join(dir, name)).catch(() => null);
    if (info && Date.now() - info.mtimeMs > KEEP_MS) await rm(path.join(dir, name), { force: true });
  }
}

/** One piece of an upload at `offset` of `total` bytes; the first piece starts a new upload. */
export async function receivePiece(p: {
  uploadId?: string | null;
  offset: number;
  total: number;
  piece: Blob;
  filesDir?: string;
}) {
  const filesDir = p.filesDir ?? env().FILES_DIR;
  const maxMb = env().ORG_IMPORT_MAX_MB;
  if (p.total > maxMb * 1024 * 1024) throw new AppError('upload_too_large', { mb: maxMb });
  if (p.offset + p.piece.size > p.total) throw new AppError('upload_out_of_order');
  const dir = folder(filesDir);
  await mkdir(dir, { recursive: true });
  let uploadId = p.uploadId;
  if (!uploadId) {
    if (p.offset !== 0) throw new AppError('upload_out_of_order');
    await removeStale(dir);
    uploadId = randomUUID();
  }
  const file = uploadFile(filesDir, uploadId);
  const size = p.offset === 0 && !p.uploadId ? 0 : ((await stat(file).catch(() => null))?.size ?? null);
  if (size === null) throw new AppError('upload_gone');
  if (size < p.offset) throw new AppError('upload_out_of_order');
  if (size > p.offset) await truncate(file, p.offset);
  await appendFile(file, Buffer.from(await p.piece.arrayBuffer()), { mode: 0o600 });
  const received = p.offset + p.piece.size;
  return { uploadId, received, complete: received === p.total };
}
