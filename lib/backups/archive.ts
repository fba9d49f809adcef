import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import postgres from 'postgres';
import * as tar from 'tar';
import { appliedMigration, tableRowCounts } from './database';
import { BackupError } from './errors';
import { encryptToFile } from './format';
import { backupKeyId } from './key';
import { findPgTool, runPgTool } from './pg-tools';
import type { BackupManifest, CreatedBackup } from './types';

export type BackupStep = 'dump' | 'files' | 'encrypt';

/** `jaring-YYYYMMDD-HHmmss.jbk`, in UTC. */
export function backupFileName(now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `jaring-${stamp}.jbk`;
}

/**
 * One backup file of the whole platform: `pg_dump -Fc` of the database and a tar of the files
 * folder, in a tar with the manifest, encrypted (see ./format.ts), hashed as written.
 *
 * The row counts in the manifest and the dump come from one snapshot: a repeatable-read
 * transaction exports it and pg_dump imports it (`--snapshot`), so the counts describe exactly
 * the rows the dump holds while the app and the worker go on writing. The plain dump and files
 * tar exist only in a private folder under `workDir` (mode 700) and are deleted at the end.
 */
export async function createBackupArchive(p: {
  databaseUrl: string;
  filesDir: string;
  key: Buffer;
  workDir: string;
  now?: Date;
  onProgress?: (step: BackupStep) => void;
  /** Where pg_dump is (default: PG_BIN_DIR, else looked for: ./pg-tools.ts). */
  pgBinDir?: string | null;
}): Promise<CreatedBackup> {
  const started = Date.now();
  const now = p.now ?? new Date();
  const name = backupFileName(now);
  await mkdir(p.workDir, { recursive: true });
  const staging = await mkdtemp(path.join(p.workDir, `.${name}-`));
  const file = path.join(p.workDir, name);
  try {
    p.onProgress?.('dump');
    const database = await dumpDatabase(p.databaseUrl, path.join(staging, 'database.dump'), p.pgBinDir);
    p.onProgress?.('files');
    const files = await tarFiles(p.filesDir, path.join(staging, 'files.tar'));
    const manifest: BackupManifest = {
      format: 'jaring-backup/1',
      createdAt: now.toISOString(),
      database,
      files,
      keyId: backupKeyId(p.key),
    };
    await writeFile(path.join(staging, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    p.onProgress?.('encrypt');
    // The manifest first: a dry run reads it without going through the dump.
    const payload = tar.c({ cwd: staging, portable: true }, ['manifest.json', 'database.dump', 'files.tar']);
    // Written as .part and renamed once complete: a work folder that is also a store's folder
    // never lists a half-written backup.
    const written = await encryptToFile(payload, { file: `${file}.part`, key: p.key });
    await rename(`${file}.part`, file);
    return {
      file,
      name,
      sizeBytes: written.sizeBytes,
      sha256: written.sha256,
      manifest,
      durationMs: Date.now() - started,
    };
  } catch (error) {
    await rm(`${file}.part`, { force: true });
    throw asBackupError(error, p.workDir);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function dumpDatabase(
  databaseUrl: string,
  out: string,
  binDir: string | null | undefined,
): Promise<BackupManifest['database']> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {}, connect_timeout: 15 });
  try {
    return await sql.begin('isolation level repeatable read read only', async (tx) => {
      const [info] = await tx<{ snapshot: string; version: string; num: string }[]>`
        select pg_export_snapshot() as snapshot, current_setting('server_version') as version,
               current_setting('server_version_num') as num`;
      const serverMajor = Math.floor(Number(info!.num) / 10_000);
      const pgDump = findPgTool('pg_dump', { minMajor: serverMajor, binDir });
      const tables = await tableRowCounts(tx);
      const migration = await appliedMigration(tx);
      // Owners and grants stay in the archive; the restore leaves them out (--no-owner
      // --no-privileges there), so it works into a server whose user has another name.
      await runPgTool(pgDump, ['--format=custom', `--snapshot=${info!.snapshot}`, `--file=${out}`], {
        databaseUrl,
        failure: 'pg_dump_failed',
      });
      return {
        serverVersion: info!.version.split(' ')[0]!,
        pgDumpVersion: pgDump.version,
        migration: migration.tag,
        tables,
      };
    });
  } finally {
    await sql.end();
  }
}

/** The files folder as a tar (an empty tar when there is no folder yet), with its count and size. */
async function tarFiles(filesDir: string, out: string): Promise<BackupManifest['files']> {
  const files = { count: 0, bytes: 0 };
  const dir = existsSync(filesDir) ? filesDir : await mkdtemp(`${out}-empty-`);
  await tar.c(
    {
      cwd: dir,
      file: out,
      portable: true,
      filter: (_path, stat) => {
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

/** A full disk or an unreachable database, said so; anything else as it came. */
function asBackupError(error: unknown, workDir: string): unknown {
  const code = (error as { code?: unknown })?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ENOSPC' || code === 'EDQUOT' || /no space left on device/i.test(message))
    return new BackupError(
      'no_space',
      `No space left in ${path.resolve(workDir)} to make the backup: free some space or set BACKUP_DIR to a larger disk`,
      { workDir },
    );
  if (error instanceof BackupError) return error;
  if (['ECONNREFUSED', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'CONNECT_TIMEOUT'].includes(String(code)))
    return new BackupError('database_unreachable', `Could not connect to the database: ${message}`);
  return error;
}
