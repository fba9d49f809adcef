import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import * as tar from 'tar';
import type { BackupManifest } from './types';

/**
 * The files folder in a backup (`files.tar`) and back. The app only writes regular files and
 * folders there; anything else in a backup's tar is not the app's and is not restored.
 */

/**
 * The files folder as a tar (an empty tar when there is no folder yet), with its count and size.
 * A symbolic link inside it is stored as a link (following them would fail the whole backup on
 * one dangling link or loop), and a restore does not recreate it: see the doc's limits.
 */
export async function tarFiles(filesDir: string, out: string): Promise<BackupManifest['files']> {
  const files = { count: 0, bytes: 0 };
  // Copies that expire by themselves are left out: organizations' export ZIPs (a few days),
  // import uploads and an import's staging folder (lib/org-transfer). Each can be gigabytes.
  const passing = /^\.\/(org-imports|\.org-import-[^/]+|[0-9a-f-]{36}\/exports)(\/|$)/;
  const dir = existsSync(filesDir) ? filesDir : await mkdtemp(`${out}-empty-`);
  await tar.c(
    {
      cwd: dir,
      file: out,
      portable: true,
      filter: (entry, stat) => {
        if (passing.test(entry)) return false;
        if ('isFile' in stat && stat.isFile()) {
          files.count += 1;
          files.bytes += stat.size;
        }
        return true;
      },
    },
    ['.'],
  );
  return files;
}

/**
 * Extracts a backup's `files.tar` into the files folder. node-tar already keeps every entry
 * inside `dir` (no absolute path, no `..`, never through a symbolic link); on top of that only
 * regular files and folders are written (links, devices and FIFOs are skipped and named), with
 * plain permission bits (no setuid/setgid/sticky: a restore often runs as root). Strict: an
 * entry that cannot be written (a full disk, a folder where a file should go) fails the restore
 * instead of being left out of a restore that says it is done.
 */
export async function extractFilesArchive(tarFile: string, dir: string): Promise<{ skipped: string[] }> {
  const skipped: string[] = [];
  await tar.x({
    file: tarFile,
    cwd: dir,
    preserveOwner: false,
    strict: true,
    filter: (entryPath, entry) => {
      const type = 'type' in entry ? entry.type : null;
      if (type !== 'File' && type !== 'OldFile' && type !== 'Directory') {
        skipped.push(entryPath);
        return false;
      }
      if ('mode' in entry && typeof entry.mode === 'number') entry.mode &= 0o777;
      return true;
    },
  });
  return { skipped };
}
