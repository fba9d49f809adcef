import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { env } from '@/lib/env';

/**
 * Stores an uploaded file under FILES_DIR/<organization>/<folder>/<name>, so no file is ever
 * filed where another tenant's files live. Returns the path relative to FILES_DIR (what rows keep).
 */
export async function storeOrgFile(p: { orgId: string; folder: string; name: string; file: File; filesDir?: string }): Promise<string> {
  const relative = path.join(p.orgId, p.folder, p.name);
  const absolute = path.join(p.filesDir ?? env().FILES_DIR, relative);
  await mkdir(path.dirname(absolute), { recursive: true });
  await writeFile(absolute, Buffer.from(await p.file.arrayBuffer()));
  return relative;
}
