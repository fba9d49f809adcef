import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import postgres from 'postgres';
import * as tar from 'tar';
import { migrateDatabase } from '@/scripts/migrate-lib';
import { appliedMigration, countUserTables, tableRowCounts } from './database';
import { BackupError } from './errors';
import { decryptFile } from './format';
import { findPgTool, libpqEnv, runPgTool, serverVersion } from './pg-tools';
import type { BackupManifest } from './types';

export type RestoreStep = 'verify' | 'decrypt' | 'database' | 'files' | 'migrate';

/** SHA-256 (hex) of a file, streamed. */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

/**
 * The dry run: what a backup holds, read with the key. The plaintext streams through a tar reader
 * that keeps only the manifest (nothing is written to disk), and the manifest is returned only
 * once the GCM tag at the end verified.
 */
export async function inspectBackup(p: { file: string; key: Buffer }): Promise<{ manifest: BackupManifest }> {
  let manifestText: string | null = null;
  let unreadable = false;
  await decryptFile(p.file, p.key, async (plaintext) => {
    const reader = new tar.Parser({
      onReadEntry: (entry) => {
        if (entry.path !== 'manifest.json') return entry.resume();
        const chunks: Buffer[] = [];
        entry.on('data', (c: Buffer) => chunks.push(c));
        entry.on('end', () => {
          manifestText = Buffer.concat(chunks).toString('utf8');
        });
      },
    });
    reader.on('error', () => {
      unreadable = true;
    });
    // Read to the end whatever the tar reader thinks: only the tag says whether to trust it.
    for await (const chunk of plaintext) if (!unreadable) reader.write(chunk);
    if (!unreadable) reader.end();
  });
  return { manifest: parseManifest(unreadable ? null : manifestText) };
}

function parseManifest(text: string | null): BackupManifest {
  const manifest = text ? (JSON.parse(text) as BackupManifest) : null;
  if (manifest?.format !== 'jaring-backup/1')
    throw new BackupError('not_a_backup', 'The backup holds no Jaring manifest: it was not made by `npm run backup`');
  return manifest;
}

/**
 * Restores a backup into an empty database and files folder (a fresh install): checks the
 * checksum, decrypts to a private temporary folder and uses nothing before the tag verified,
 * runs pg_restore (one transaction: a failure leaves the database empty), checks every table's
 * row count against the manifest, puts the files back, then applies the migrations this version
 * has and the backup had not.
 */
export async function restoreBackup(p: {
  file: string;
  key: Buffer;
  databaseUrl: string;
  filesDir: string;
  expectedSha256?: string | null;
  /** Restore the files into a folder that already holds files (they are kept unless overwritten). */
  force?: boolean;
  /** Where the decrypted copy is kept while restoring (default: the system's temporary folder). */
  workDir?: string;
  /** Where pg_restore is (default: PG_BIN_DIR, else looked for: ./pg-tools.ts). */
  pgBinDir?: string | null;
  onProgress?: (step: RestoreStep) => void;
}): Promise<{ manifest: BackupManifest; migrationsApplied: number }> {
  p.onProgress?.('verify');
  if (p.expectedSha256) {
    const actual = await sha256File(p.file);
    if (actual !== p.expectedSha256.toLowerCase())
      throw new BackupError(
        'checksum_mismatch',
        `The file's SHA-256 is ${actual}, but ${p.expectedSha256} was recorded when it was stored: it was changed or not copied whole. Use another copy`,
        { actual, expected: p.expectedSha256 },
      );
  }
  await refuseNonEmptyTargets(p.databaseUrl, p.filesDir, p.force ?? false);
  const workDir = p.workDir ?? os.tmpdir();
  await mkdir(workDir, { recursive: true });
  const staging = await mkdtemp(path.join(workDir, 'jaring-restore-'));
  try {
    p.onProgress?.('decrypt');
    const payload = path.join(staging, 'payload.tar');
    await decryptFile(p.file, p.key, payload);
    await tar.x({ file: payload, cwd: staging, preserveOwner: false });
    await rm(payload);
    const manifest = parseManifest(await readFile(path.join(staging, 'manifest.json'), 'utf8').catch(() => null));

    p.onProgress?.('database');
    await restoreDatabase(p.databaseUrl, path.join(staging, 'database.dump'), manifest, {
      staging,
      binDir: p.pgBinDir,
    });

    p.onProgress?.('files');
    await mkdir(p.filesDir, { recursive: true });
    await tar.x({ file: path.join(staging, 'files.tar'), cwd: p.filesDir, preserveOwner: false });

    p.onProgress?.('migrate');
    const migrationsApplied = await migrateForward(p.databaseUrl);
    return { manifest, migrationsApplied };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function refuseNonEmptyTargets(databaseUrl: string, filesDir: string, force: boolean) {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {}, connect_timeout: 15 });
  let tables: number;
  try {
    tables = await countUserTables(sql);
  } finally {
    await sql.end();
  }
  if (tables > 0) {
    const database = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
    throw new BackupError(
      'database_not_empty',
      `The database "${database}" already has ${tables} tables; a backup is restored only into an empty one. ` +
        'Create a new database (createdb, or CREATE DATABASE) and point DATABASE_URL at it; for the embedded database, stop Jaring and move .data/pg aside',
      { database, tables },
    );
  }
  if (!force && existsSync(filesDir) && (await readdir(filesDir)).length > 0)
    throw new BackupError(
      'files_not_empty',
      `The files folder ${filesDir} is not empty. Move it aside (or set FILES_DIR to an empty folder), or pass --force to restore into it`,
      { filesDir },
    );
}

/**
 * pg_restore in one transaction with --exit-on-error, without owners and grants (the restoring
 * user owns everything). `COMMENT ON EXTENSION` is left out of the list: only an extension's
 * owner (a superuser) may run it, and it would stop a restore by the database's owner.
 */
async function restoreDatabase(
  databaseUrl: string,
  dump: string,
  manifest: BackupManifest,
  { staging, binDir }: { staging: string; binDir: string | null | undefined },
) {
  const dumpMajor = Number(manifest.database.pgDumpVersion.split('.')[0]);
  const target = await serverVersion(databaseUrl);
  const pgRestore = findPgTool('pg_restore', { minMajor: dumpMajor, preferMajor: target.major, binDir });
  let toc = '';
  await runPgTool(pgRestore, ['--list', dump], {
    databaseUrl,
    failure: 'pg_restore_failed',
    stdout: (chunk) => {
      toc += chunk.toString('utf8');
    },
  });
  const list = path.join(staging, 'restore.list');
  await writeFile(
    list,
    toc
      .split('\n')
      .filter((line) => !/^\d+;.*\bCOMMENT\b.*\bEXTENSION\b/.test(line))
      .join('\n'),
  );
  // --dbname makes pg_restore restore rather than print SQL; the connection is in libpq's env.
  await runPgTool(
    pgRestore,
    [
      '--no-owner',
      '--no-privileges',
      '--single-transaction',
      '--exit-on-error',
      `--use-list=${list}`,
      `--dbname=${libpqEnv(databaseUrl).PGDATABASE}`,
      dump,
    ],
    { databaseUrl, failure: 'pg_restore_failed' },
  );
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const restored = await tableRowCounts(sql);
    const differ = Object.entries(manifest.database.tables).filter(([table, rows]) => restored[table] !== rows);
    if (differ.length > 0)
      throw new BackupError(
        'restore_incomplete',
        `After pg_restore these tables do not hold the rows the backup lists: ${differ
          .slice(0, 10)
          .map(([t, rows]) => `${t} (${restored[t] ?? 'missing'} of ${rows})`)
          .join(', ')}`,
      );
  } finally {
    await sql.end();
  }
}

/** Applies the migrations this version has that the backup's database had not; returns how many. */
async function migrateForward(databaseUrl: string): Promise<number> {
  const count = async () => {
    const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    try {
      return (await appliedMigration(sql)).count;
    } finally {
      await sql.end();
    }
  };
  const before = await count();
  await migrateDatabase(databaseUrl);
  return (await count()) - before;
}
