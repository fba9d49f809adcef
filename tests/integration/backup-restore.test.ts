import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { createBackupArchive } from '@/lib/backups/archive';
import {
  appliedMigration,
  countUserTables,
  latestMigration,
  MIGRATIONS_DIR,
  tableRowCounts,
} from '@/lib/backups/database';
import { BackupError, type BackupErrorCode } from '@/lib/backups/errors';
import { backupKeyId } from '@/lib/backups/key';
import { inspectBackup, restoreBackup } from '@/lib/backups/restore';
import type { CreatedBackup } from '@/lib/backups/types';
import { makeCustomerWorld, makeOrg, testDb } from '@/tests/helpers';

/**
 * The round trip: a populated database and files folder backed up, restored into a new database
 * on the same server, and compared — every table's row count, every row of this test's
 * organization in every tenant table, every file; refusals (a database that is not empty, a
 * changed file, another key); migrations run forward from an older backup, through the CLI.
 * Other test files write to the same database meanwhile: the counts are compared with the
 * manifest, taken in the dump's own snapshot.
 */
const sourceUrl = process.env.DATABASE_URL!;
const adminUrl = Object.assign(new URL(sourceUrl), { pathname: '/postgres' }).toString();
const work = mkdtempSync(path.join(os.tmpdir(), 'jaring-roundtrip-'));
const key = randomBytes(32);
const created: string[] = [];

async function withSql<T>(url: string, run: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await run(sql);
  } finally {
    await sql.end();
  }
}

/** A new, empty database beside the test database; dropped at the end. */
async function newDatabase(label: string): Promise<string> {
  const name = `jaring_rt_${process.pid}_${label}`;
  await withSql(adminUrl, async (sql) => {
    await sql.unsafe(`drop database if exists "${name}" with (force)`);
    await sql.unsafe(`create database "${name}"`);
  });
  created.push(name);
  return Object.assign(new URL(sourceUrl), { pathname: `/${name}` }).toString();
}

after(async () => {
  await withSql(adminUrl, async (sql) => {
    for (const name of created) await sql.unsafe(`drop database if exists "${name}" with (force)`);
  });
  rmSync(work, { recursive: true, force: true });
});

async function rejectsWith(promise: Promise<unknown>, code: BackupErrorCode) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof BackupError, `not a BackupError: ${error}`);
    assert.equal(error.code, code, error.message);
    return true;
  });
}

/** Every file under a folder, by relative path, with its content. */
function filesIn(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, full)] = readFileSync(full).toString('base64');
  }
  return out;
}

/** Every row of one organization in every table that has an organization_id, as JSON, sorted. */
async function organizationRows(url: string, orgId: string): Promise<Record<string, string[]>> {
  return withSql(url, async (sql) => {
    const tables = await sql<{ name: string }[]>`
      select table_name as name from information_schema.columns
      where table_schema = 'public' and column_name = 'organization_id' order by 1`;
    const out: Record<string, string[]> = {
      organizations: (await sql`select to_jsonb(o)::text as j from organizations o where id = ${orgId}`).map(
        (r) => r.j,
      ),
    };
    for (const { name } of tables) {
      const rows = await sql.unsafe<{ j: string }[]>(
        `select to_jsonb(t)::text as j from "${name}" t where organization_id = $1`,
        [orgId],
      );
      if (rows.length > 0) out[name] = rows.map((r) => r.j).sort();
    }
    return out;
  });
}

describe('backup and restore round trip', () => {
  const filesDir = path.join(work, 'files');
  let orgId: string;
  let backup: CreatedBackup;

  before(async () => {
    const db = testDb();
    const { org, admin } = await makeOrg(db, 'backup');
    orgId = org.id;
    // Customers, leads, a subscription, an invoice from the billing run, payments with slips.
    await makeCustomerWorld(db, org.id, admin.user.id);
    mkdirSync(path.join(filesDir, org.id, 'slips'), { recursive: true });
    writeFileSync(path.join(filesDir, org.id, 'logo.png'), randomBytes(40_000));
    writeFileSync(path.join(filesDir, org.id, 'slips', 'transfer bukti 1.pdf'), '%PDF-1.4 bukti transfer');
    writeFileSync(path.join(filesDir, 'README'), 'files folder');
    const steps: string[] = [];
    backup = await createBackupArchive({
      databaseUrl: sourceUrl,
      filesDir,
      key,
      workDir: path.join(work, 'out'),
      now: new Date('2025-01-02T03:04:05Z'),
      onProgress: (step) => steps.push(step),
    });
    assert.deepEqual(steps, ['dump', 'files', 'encrypt']);
  });

  test('the backup is one encrypted file with its size, checksum and manifest', () => {
    assert.equal(backup.name, 'jaring-20250102-030405.jbk');
    assert.equal(backup.file, path.join(work, 'out', backup.name));
    assert.equal(readFileSync(backup.file).length, backup.sizeBytes);
    assert.match(backup.sha256, /^[0-9a-f]{64}$/);
    assert.deepEqual(readdirSync(path.join(work, 'out')), [backup.name], 'the plain dump was removed');
    const m = backup.manifest;
    assert.equal(m.keyId, backupKeyId(key));
    assert.equal(m.database.migration, latestMigration());
    assert.match(m.database.serverVersion, /^\d+\.\d+/);
    assert.ok(m.database.tables['public.customers']! >= 1);
    assert.ok(m.database.tables['public.payments']! >= 3);
    assert.ok('graphile_worker._private_jobs' in m.database.tables, 'the whole database, the queue too');
    assert.deepEqual(m.files, { count: 3, bytes: 40_000 + 23 + 12 });
    assert.equal(readFileSync(backup.file).includes(Buffer.from('bukti transfer')), false, 'nothing in clear');
  });

  test('the dry run lists what the backup holds', async () => {
    assert.deepEqual((await inspectBackup({ file: backup.file, key })).manifest, backup.manifest);
  });

  test('restored into a new database: every table, every row of the organization, every file', async () => {
    const target = await newDatabase('a');
    // A files folder that already holds something is refused first, and the database is left alone.
    await rejectsWith(
      restoreBackup({ file: backup.file, key, databaseUrl: target, filesDir, expectedSha256: backup.sha256 }),
      'files_not_empty',
    );
    assert.equal(await withSql(target, countUserTables), 0);

    const restoredFiles = path.join(work, 'restored-files');
    const steps: string[] = [];
    const result = await restoreBackup({
      file: backup.file,
      key,
      databaseUrl: target,
      filesDir: restoredFiles,
      expectedSha256: backup.sha256,
      workDir: path.join(work, 'restore-work'),
      onProgress: (step) => steps.push(step),
    });
    assert.deepEqual(steps, ['verify', 'decrypt', 'database', 'files', 'migrate']);
    assert.deepEqual(result.manifest, backup.manifest);
    assert.equal(result.migrationsApplied, 0);

    assert.deepEqual(await withSql(target, tableRowCounts), backup.manifest.database.tables);
    const rows = await organizationRows(target, orgId);
    assert.deepEqual(rows, await organizationRows(sourceUrl, orgId));
    for (const table of ['customers', 'leads', 'subscriptions', 'invoices', 'payments', 'memberships', 'audit_logs'])
      assert.ok(rows[table]?.length, `${table} has rows of the organization`);
    assert.deepEqual(filesIn(restoredFiles), filesIn(filesDir));
    assert.equal((await withSql(target, (sql) => appliedMigration(sql))).tag, latestMigration());
    assert.deepEqual(readdirSync(path.join(work, 'restore-work')), [], 'the decrypted copy was removed');
  });

  test('refused: a database that is not empty, a changed file, another key — the target left empty', async () => {
    await rejectsWith(
      restoreBackup({ file: backup.file, key, databaseUrl: sourceUrl, filesDir: path.join(work, 'never') }),
      'database_not_empty',
    );
    const target = await newDatabase('refused');
    const changed = path.join(work, 'changed.jbk');
    copyFileSync(backup.file, changed);
    const bytes = readFileSync(changed);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x40;
    writeFileSync(changed, bytes);
    const into = { databaseUrl: target, filesDir: path.join(work, 'never') };
    await rejectsWith(
      restoreBackup({ file: changed, key, expectedSha256: backup.sha256, ...into }),
      'checksum_mismatch',
    );
    await rejectsWith(restoreBackup({ file: changed, key, ...into }), 'damaged');
    await rejectsWith(restoreBackup({ file: backup.file, key: randomBytes(32), ...into }), 'wrong_key');
    assert.equal(await withSql(target, countUserTables), 0);
    assert.equal(existsSync(path.join(work, 'never')), false);
  });

  test('a backup that cannot be made says why: the disk is full, the database is down', async () => {
    const full = path.join(work, 'full');
    mkdirSync(full);
    // Writing through a link to /dev/full fails with ENOSPC, as a full disk does.
    symlinkSync('/dev/full', path.join(full, 'jaring-20250103-030000.jbk.part'));
    const now = new Date('2025-01-03T03:00:00Z');
    await rejectsWith(createBackupArchive({ databaseUrl: sourceUrl, filesDir, key, workDir: full, now }), 'no_space');
    assert.deepEqual(readdirSync(full), [], 'no partial file or plain dump left');
    const down = Object.assign(new URL(sourceUrl), { port: '1' }).toString();
    await rejectsWith(
      createBackupArchive({ databaseUrl: down, filesDir, key, workDir: full, now }),
      'database_unreachable',
    );
  });
});

/** `npm run backup` / `npm run restore` as an operator runs them. */
function cli(script: string, args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join('scripts', script), ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ code, out }));
  });
}

test('npm run backup, then npm run restore of an older version: migrations run forward', async () => {
  // A database one migration behind this checkout, with a row of its own.
  const older = await newDatabase('older');
  const folder = path.join(work, 'older-migrations');
  cpSync(MIGRATIONS_DIR, folder, { recursive: true });
  const journalFile = path.join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8'));
  journal.entries.pop();
  writeFileSync(journalFile, JSON.stringify(journal));
  await withSql(older, async (sql) => {
    await migrate(drizzle(sql), { migrationsFolder: folder });
    await sql`insert into organizations (name, slug) values ('ISP Lama', 'isp-lama')`;
  });
  const olderFiles = path.join(work, 'older-files');
  mkdirSync(olderFiles);
  writeFileSync(path.join(olderFiles, 'logo.svg'), '<svg/>');

  const env = { BACKUP_ENCRYPTION_KEY: key.toString('base64'), BACKUP_DIR: path.join(work, 'cli-backups') };
  const dest = path.join(work, 'cli-dest');
  const made = await cli('backup.ts', ['--to', dest], { ...env, DATABASE_URL: older, FILES_DIR: olderFiles });
  assert.equal(made.code, 0, made.out);
  const name = /done: (jaring-\d{8}-\d{6}\.jbk)/.exec(made.out)?.[1];
  assert.ok(name, made.out);
  assert.match(made.out, /sha256 {4}[0-9a-f]{64}/);
  assert.match(made.out, new RegExp(`stored at ${path.join(dest, name)}`));
  assert.ok(existsSync(path.join(dest, `${name}.sha256`)));

  const dry = await cli('restore.ts', [path.join(dest, name), '--dry-run'], env);
  assert.equal(dry.code, 0, dry.out);
  assert.match(dry.out, new RegExp(`migration ${journal.entries.at(-1).tag}`));
  assert.match(dry.out, /public\.organizations\s+1\n/);
  assert.match(dry.out, /files {5}1 \(6 B\)/);

  const target = await newDatabase('forward');
  const restoredFiles = path.join(work, 'cli-restored-files');
  const restored = await cli('restore.ts', [path.join(dest, name)], {
    ...env,
    DATABASE_URL: target,
    FILES_DIR: restoredFiles,
  });
  assert.equal(restored.code, 0, restored.out);
  assert.match(restored.out, /1 newer migration\(s\) applied/);
  assert.equal((await withSql(target, (sql) => appliedMigration(sql))).tag, latestMigration());
  const [org] = await withSql(target, (sql) => sql`select name from organizations where slug = 'isp-lama'`);
  assert.equal(org?.name, 'ISP Lama');
  assert.equal(readFileSync(path.join(restoredFiles, 'logo.svg'), 'utf8'), '<svg/>');
});
