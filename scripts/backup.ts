import { rm } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createBackupArchive } from '@/lib/backups/archive';
import { BackupError } from '@/lib/backups/errors';
import { loadBackupKey } from '@/lib/backups/key';
import { storeFromUrl } from '@/lib/backups/stores';
import { localStore } from '@/lib/backups/stores/local';
import { BackupStoreError } from '@/lib/backups/types';
import { env } from '@/lib/env';
import { cliDatabase, formatBytes, STORE_FLAGS, storeOptions } from './backup-cli';
import { loadDotEnv } from './runtime-env';

/**
 * `npm run backup`: one backup of the whole platform (database and files folder), encrypted, now.
 *   npm run backup                                    into BACKUP_DIR (.data/backups)
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
    const target = values.to
      ? storeFromUrl(values.to, storeOptions(values))
      : { store: localStore({ kind: 'local', path: settings.BACKUP_DIR }), name: null };
    if (target.name) throw new BackupStoreError('other', '--to names a folder, bucket or prefix, not a .jbk file');
    // A storage that is down or refuses the key is found before the dump, not after it.
    await target.store.check();
    console.log(`[backup] backing up ${databaseLabel(database.url)} and ${path.resolve(settings.FILES_DIR)}…`);
    const created = await createBackupArchive({
      databaseUrl: database.url,
      filesDir: settings.FILES_DIR,
      key: key.key,
      workDir: path.join(settings.BACKUP_DIR, '.work'),
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
    if (workFile) await rm(workFile, { force: true });
    await database.stop();
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
