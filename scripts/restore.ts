import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { BackupError } from '@/lib/backups/errors';
import { readHeader } from '@/lib/backups/format';
import { loadBackupKey } from '@/lib/backups/key';
import { inspectBackup, restoreBackup, sha256File } from '@/lib/backups/restore';
import { storeFromUrl } from '@/lib/backups/stores';
import { parseSidecar, sidecarName } from '@/lib/backups/stores/common';
import { type BackupManifest, BackupStoreError } from '@/lib/backups/types';
import { decryptSecret } from '@/lib/crypto';
import { env } from '@/lib/env';
import { cliDatabase, displayTarget, formatBytes, STORE_FLAGS, storeOptions } from './backup-cli';
import { DATA_DIR, loadDotEnv } from './runtime-env';

/**
 * `npm run restore -- <file or storage URL> [--dry-run] [--force]`: a backup made by
 * `npm run backup` (or the Backups page) back into an empty database and files folder, e.g. a
 * fresh install: the checksum checked, decrypted, pg_restore, the files back, migrations forward.
 * `--dry-run` only lists what the backup holds. The key is BACKUP_ENCRYPTION_KEY (or
 * .data/backup-key); the database DATABASE_URL, or the embedded one when unset.
 *   npm run restore -- .data/backups/jaring-20250102-030000.jbk --dry-run
 *   npm run restore -- sftp://backup@nas/srv/jaring/jaring-20250102-030000.jbk --identity ~/.ssh/id_ed25519
 *   npm run restore -- s3://bucket/prefix/jaring-20250102-030000.jbk [--endpoint https://…]
 */
async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { 'dry-run': { type: 'boolean' }, force: { type: 'boolean' }, ...STORE_FLAGS },
  });
  const source = positionals[0];
  if (!source || positionals.length > 1) {
    console.error('Usage: npm run restore -- <backup file or sftp:// / s3:// URL> [--dry-run] [--force]');
    process.exit(2);
  }
  loadDotEnv();
  await mkdir(DATA_DIR, { recursive: true });
  const work = await mkdtemp(path.join(DATA_DIR, 'restore-'));
  try {
    const { file, sha256 } = await fetchBackup(source, values, work);
    const key = loadBackupKey({
      source: { BACKUP_ENCRYPTION_KEY: process.env.BACKUP_ENCRYPTION_KEY, NODE_ENV: process.env.NODE_ENV },
      create: false,
    });
    if (!key) {
      const { header } = await readHeader(file);
      throw new BackupError(
        'key_missing',
        `This backup needs key ${header.keyId}: set BACKUP_ENCRYPTION_KEY to it (or copy the key file to .data/backup-key)`,
      );
    }
    if (values['dry-run']) {
      if (sha256) await checkSha256(file, sha256);
      const { manifest } = await inspectBackup({ file, key: key.key });
      console.log(describe(manifest, sha256));
      return;
    }
    await restoreInto(file, key.key, sha256, values.force ?? false, work);
  } catch (error) {
    if (!(error instanceof BackupError || error instanceof BackupStoreError)) throw error;
    console.error(`[restore] not restored (${error.code}): ${error.message}`);
    process.exitCode = 1;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** A local file (its `.sha256` beside it, if any) or a download from a store (with its sidecar). */
async function fetchBackup(source: string, flags: Parameters<typeof storeOptions>[0], work: string) {
  const { store, name } = storeFromUrl(source, storeOptions(flags));
  if (!name) throw new BackupStoreError('other', `${displayTarget(source)} does not end in a .jbk backup file`);
  if (store.kind === 'local') {
    const file = path.join(store.label, name);
    if (!existsSync(file)) throw new BackupStoreError('not_found', `${file} does not exist`);
    const sidecar = `${path.join(store.label, sidecarName(name))}`;
    const sha256 = existsSync(sidecar) ? parseSidecar(readFileSync(sidecar, 'utf8')) : null;
    if (!sha256)
      console.warn(`[restore] no ${sidecarName(name)} beside the file: only the encryption's own tag checks it`);
    return { file, sha256 };
  }
  console.log(`[restore] downloading ${name} from ${store.label}…`);
  const file = path.join(work, name);
  const { sha256 } = await store.get(name, file);
  return { file, sha256 };
}

async function checkSha256(file: string, expected: string) {
  const actual = await sha256File(file);
  if (actual !== expected)
    throw new BackupError(
      'checksum_mismatch',
      `The file's SHA-256 is ${actual}, but ${expected} was recorded when it was stored: use another copy`,
    );
}

async function restoreInto(file: string, key: Buffer, sha256: string | null, force: boolean, work: string) {
  const database = await cliDatabase('restore');
  try {
    const settings = env();
    const steps = {
      verify: 'checking',
      decrypt: 'decrypting',
      database: 'pg_restore',
      files: 'files',
      migrate: 'migrations',
    };
    const result = await restoreBackup({
      file,
      key,
      databaseUrl: database.url,
      filesDir: settings.FILES_DIR,
      expectedSha256: sha256,
      force,
      workDir: work,
      onProgress: (step) => console.log(`[restore]   ${steps[step]}…`),
    });
    console.log(describe(result.manifest, sha256, false));
    console.log(
      `[restore] done: restored into database ${new URL(database.url).pathname.slice(1)} and ${path.resolve(settings.FILES_DIR)}; ` +
        `${result.migrationsApplied} newer migration(s) applied.`,
    );
    console.log(await secretsCheck(database.url));
  } finally {
    await database.stop();
  }
}

/**
 * Secrets in the database (router and service passwords, gateway keys, …: the `*_enc` columns)
 * open only with the APP_ENCRYPTION_KEY of the install that made the backup: try one.
 */
async function secretsCheck(url: string): Promise<string> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const columns = await sql<{ schema: string; table: string; column: string }[]>`
      select table_schema as schema, table_name as table, column_name as column from information_schema.columns
      where column_name like '%\\_enc' and data_type = 'text' and table_schema = 'public'`;
    for (const c of columns) {
      const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
      const [row] = await sql.unsafe<{ v: string }[]>(
        `select ${q(c.column)} as v from ${q(c.schema)}.${q(c.table)} where ${q(c.column)} like 'v1.%' limit 1`,
      );
      if (!row) continue;
      try {
        decryptSecret(row.v);
        return '[restore] the APP_ENCRYPTION_KEY here opens the restored secrets.';
      } catch {
        return (
          '[restore] WARNING: the APP_ENCRYPTION_KEY here cannot open the restored secrets (router, service and gateway ' +
          "passwords). Set APP_ENCRYPTION_KEY to the old install's key (or copy its .data/encryption-key here) before npm start."
        );
      }
    }
    return '[restore] the backup holds no encrypted secrets to check against APP_ENCRYPTION_KEY.';
  } finally {
    await sql.end();
  }
}

function describe(m: BackupManifest, sha256: string | null, withTables = true): string {
  const tables = Object.entries(m.database.tables).filter(([, rows]) => rows > 0);
  const width = Math.max(...tables.map(([t]) => t.length), 5);
  return [
    `[restore] backup made ${m.createdAt} (key ${m.keyId}${sha256 ? `, sha256 ${sha256.slice(0, 16)}…` : ''})`,
    `  PostgreSQL ${m.database.serverVersion} (pg_dump ${m.database.pgDumpVersion}), migration ${m.database.migration ?? 'none'}`,
    `  files     ${m.files.count} (${formatBytes(m.files.bytes)})`,
    `  tables    ${Object.keys(m.database.tables).length} (${Object.keys(m.database.tables).length - tables.length} empty), ${tables.reduce((a, [, r]) => a + r, 0)} rows${withTables ? ':' : ''}`,
    ...(withTables ? tables.map(([t, rows]) => `    ${t.padEnd(width)} ${rows}`) : []),
  ].join('\n');
}

main()
  .then(() => process.exit(process.exitCode ?? 0))
  .catch((error) => {
    console.error('[restore] failed:', error);
    process.exit(1);
  });
