import { existsSync, readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import postgres from 'postgres';
import { createDb } from '@/db/client';
import { backupCopies, backupRuns } from '@/db/schema';
import { backupFileName, createBackupArchive } from '@/lib/backups/archive';
import { BackupError } from '@/lib/backups/errors';
import { loadBackupKey } from '@/lib/backups/key';
import { runPlatformBackup } from '@/lib/backups/run-backup';
import { storeFromUrl } from '@/lib/backups/stores';
import { localStore } from '@/lib/backups/stores/local';
import { BackupStoreError } from '@/lib/backups/types';
import { env } from '@/lib/env';
import { cliDatabase, formatBytes, removeOnInterrupt, STORE_FLAGS, storeOptions } from './backup-cli';
import { loadDotEnv } from './runtime-env';

/**
 * `npm run backup`: one backup of the whole platform (database and files folder), encrypted, now.
 *   npm run backup                                    a run as *Cadangkan sekarang* makes it: into
 *                                                     every enabled target of the Cadangan page
 *                                                     (BACKUP_DIR by default), recorded there, with
 *                                                     retention (before the first migration: BACKUP_DIR)
 *   npm run backup -- --to /mnt/usb/jaring            a folder
 *   npm run backup -- --to sftp://backup@nas:22/srv/jaring --identity ~/.ssh/id_ed25519 [--host-key SHA256:…]
 *   npm run backup -- --to s3://bucket/prefix [--endpoint https://…]   (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)
 * With DATABASE_URL unset it backs up the embedded database (started for the backup when
 * `npm start` is not running it). See docs/features/backup-restore.md.
 */
async function main() {
  const { values } = parseArgs({ options: { to: { type: 'string' }, ...STORE_FLAGS } });
  loadDotEnv();
  const database = await cliDatabase('backup');
  let workFile: string | null = null;
  let interrupt: ReturnType<typeof removeOnInterrupt> | null = null;
  try {
    const key = loadBackupKey();
    if (!key) {
      console.error(
        '[backup] not made: BACKUP_ENCRYPTION_KEY is not set. Set it to 32 random bytes in base64 ' +
          '(openssl rand -base64 32) and keep a copy somewhere other than the backups.',
      );
      process.exitCode = 1;
      return;
    }
    const settings = env();
    if (!values.to && (await managedBackups(database.url))) {
      process.exitCode = await managedRun(database.url, key.keyId);
      return;
    }
    const target = values.to
      ? storeFromUrl(values.to, storeOptions(values))
      : { store: localStore({ kind: 'local', path: settings.BACKUP_DIR }), name: null };
    if (target.name) throw new BackupStoreError('other', '--to names a folder, bucket or prefix, not a .jbk file');
    // A storage that is down or refuses the key is found before the dump, not after it.
    await target.store.check();
    console.log(`[backup] backing up ${databaseLabel(database.url)} and ${path.resolve(settings.FILES_DIR)}…`);
    const now = new Date();
    const workDir = path.join(settings.BACKUP_DIR, '.work');
    // This run's plain dump (`.<name>-…`), its output and a half-written one.
    const name = backupFileName(now);
    interrupt = removeOnInterrupt('backup', () =>
      (existsSync(workDir) ? readdirSync(workDir) : [])
        .filter((n) => n.startsWith(`.${name}-`) || n === name || n === `${name}.part`)
        .map((n) => path.join(workDir, n)),
    );
    const created = await createBackupArchive({
      databaseUrl: database.url,
      filesDir: settings.FILES_DIR,
      key: key.key,
      workDir,
      now,
      onProgress: (step) =>
        console.log(`[backup]   ${{ dump: 'pg_dump', files: 'files', encrypt: 'encrypting' }[step]}…`),
    });
    workFile = created.file;
    const { location } = await target.store.put(created.file, created.name, created.sha256);
    const tables = Object.values(created.manifest.database.tables);
    console.log(
      [
        `[backup] done: ${created.name}`,
        `  size      ${formatBytes(created.sizeBytes)}`,
        `  sha256    ${created.sha256}`,
        `  duration  ${(created.durationMs / 1000).toFixed(1)} s`,
        `  holds     ${tables.length} tables, ${tables.reduce((a, b) => a + b, 0)} rows; ${created.manifest.files.count} files (${formatBytes(created.manifest.files.bytes)})`,
        `  key       ${key.keyId} (restoring needs this key: keep it away from the backups)`,
        `  stored at ${location}`,
      ].join('\n'),
    );
  } catch (error) {
    if (!(error instanceof BackupError || error instanceof BackupStoreError)) throw error;
    console.error(`[backup] failed (${error.code}): ${error.message}`);
    process.exitCode = 1;
  } finally {
    interrupt?.dispose();
    if (workFile) await rm(workFile, { force: true });
    await database.stop();
  }
}

/** Whether the database has the Cadangan page's tables (migrated), so a CLI run is one of its runs. */
async function managedBackups(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ ok: boolean }[]>`select to_regclass('public.backup_runs') is not null as ok`;
    return Boolean(row?.ok);
  } finally {
    await sql.end();
  }
}

/** One recorded run to every enabled target, then retention: what the page and the schedule do. */
async function managedRun(url: string, keyId: string): Promise<number> {
  const { db, client } = createDb(url, { max: 2 });
  try {
    const steps = ['pg_dump', 'files', 'encrypting', 'uploading', 'retention'];
    const outcome = await runPlatformBackup(db, {
      trigger: 'cli',
      finalAttempt: true,
      databaseUrl: url,
      onProgress: (done) => console.log(`[backup]   ${steps[done] ?? '…'}…`),
    });
    const [run] = await db.select().from(backupRuns).where(eq(backupRuns.id, outcome.runId));
    const copies = await db.select().from(backupCopies).where(eq(backupCopies.runId, outcome.runId));
    const ok = outcome.status === 'succeeded' || outcome.status === 'partial';
    console.log(
      [
        `[backup] ${outcome.status}: ${run?.fileName ?? '(no file)'}`,
        ...(run?.sizeBytes ? [`  size      ${formatBytes(run.sizeBytes)}`] : []),
        ...(run?.sha256 ? [`  sha256    ${run.sha256}`] : []),
        ...(run?.durationMs ? [`  duration  ${(run.durationMs / 1000).toFixed(1)} s`] : []),
        `  key       ${keyId} (restoring needs this key: keep it away from the backups)`,
        ...copies.map(
          (c) =>
            `  ${c.status === 'stored' ? 'stored at' : 'FAILED   '} ${c.targetName}: ${c.location ?? `${c.errorCode}: ${c.errorMessage}`}`,
        ),
        ...(outcome.removed ? [`  retention removed ${outcome.removed} older file(s)`] : []),
        ...(run?.errorMessage && !copies.length ? [`  error     ${run.errorCode}: ${run.errorMessage}`] : []),
        '  (recorded on the Cadangan page; npm run backup -- --to <place> writes one file elsewhere, unrecorded)',
      ].join('\n'),
    );
    return ok && outcome.failed === 0 ? 0 : 1;
  } finally {
    await client.end();
  }
}

/** The database's host and name, never its password. */
function databaseLabel(url: string) {
  const u = new URL(url);
  return `database ${u.pathname.slice(1)} on ${u.hostname}:${u.port || 5432}`;
}

main()
  .then(() => process.exit(process.exitCode ?? 0))
  .catch((error) => {
    console.error('[backup] failed:', error);
    process.exit(1);
  });
