import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { BackupStore, LocalStoreConfig, StoredBackup } from '../types';
import { asStoreError, assertPlainName, isBackupName, parseSidecar, sidecarName, sidecarText } from './common';

/**
 * A folder on this server (or a disk mounted on it). A file is copied to `<name>.part` and
 * renamed when complete, so a listed backup is never half written; the sidecar is written first,
 * so a listed backup always has its checksum.
 */
export function localStore(config: LocalStoreConfig): BackupStore {
  const dir = path.resolve(config.path);
  const at = (name: string) => {
    assertPlainName(name);
    return path.join(dir, name);
  };
  const fail = (error: unknown, what: string) => asStoreError(error, `${what} (${dir})`);

  return {
    kind: 'local',
    label: dir,
    locationOf: (name) => at(name),
    async put(localFile, name, sha256) {
      const target = at(name);
      const part = `${target}.part`;
      try {
        await mkdir(dir, { recursive: true });
        await writeFile(at(sidecarName(name)), sidecarText(name, sha256));
        if (path.resolve(localFile) !== target) {
          await pipeline(createReadStream(localFile), createWriteStream(part, { mode: 0o600 }));
          await rename(part, target);
        }
        return { location: target };
      } catch (error) {
        await rm(part, { force: true }).catch(() => {});
        await rm(at(sidecarName(name)), { force: true }).catch(() => {});
        throw fail(error, `Could not write ${name}`);
      }
    },
    async list() {
      let names: string[];
      try {
        names = (await readdir(dir)).filter(isBackupName);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw fail(error, 'Could not list the backups');
      }
      const found: StoredBackup[] = [];
      for (const name of names) {
        const s = await stat(path.join(dir, name)).catch(() => null);
        if (s?.isFile()) found.push({ name, sizeBytes: s.size, modifiedAt: s.mtime });
      }
      return found.sort((a, b) => b.modifiedAt.getTime() - a.modifiedAt.getTime() || b.name.localeCompare(a.name));
    },
    async get(name, localFile) {
      try {
        await pipeline(createReadStream(at(name)), createWriteStream(localFile, { mode: 0o600 }));
      } catch (error) {
        throw fail(error, `Could not read ${name}`);
      }
      const text = await readFile(at(sidecarName(name)), 'utf8').catch(() => null);
      return { sha256: text ? parseSidecar(text) : null };
    },
    async remove(name) {
      try {
        await rm(at(name), { force: true });
        await rm(at(sidecarName(name)), { force: true });
      } catch (error) {
        throw fail(error, `Could not delete ${name}`);
      }
    },
    async check() {
      const probe = path.join(dir, `.jaring-probe-${process.pid}-${Date.now()}`);
      try {
        await mkdir(dir, { recursive: true });
        await writeFile(probe, 'jaring backup probe\n');
        await rm(probe);
      } catch (error) {
        await rm(probe, { force: true }).catch(() => {});
        throw fail(error, 'Cannot write into the backup folder');
      }
    },
  };
}
