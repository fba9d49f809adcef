import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { parseEnv } from '@/lib/env';
import { backupKeyId, loadBackupKey } from './key';

const dir = mkdtempSync(path.join(os.tmpdir(), 'jaring-key-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('BACKUP_ENCRYPTION_KEY is the key; its id is a short fingerprint, the same every time', () => {
  const raw = randomBytes(32);
  const loaded = loadBackupKey({
    source: { BACKUP_ENCRYPTION_KEY: raw.toString('base64') },
    keyFile: path.join(dir, 'unused'),
  });
  assert.ok(loaded?.key.equals(raw));
  assert.match(loaded!.keyId, /^[0-9a-f]{16}$/);
  assert.equal(loaded!.keyId, backupKeyId(raw));
  assert.notEqual(backupKeyId(randomBytes(32)), loaded!.keyId);
  assert.equal(existsSync(path.join(dir, 'unused')), false);
});

test('outside production without the variable a key file is made once, private, and used after', () => {
  const keyFile = path.join(dir, 'made', 'backup-key');
  assert.equal(loadBackupKey({ source: {}, keyFile, create: false }), null, 'a restore never makes a key');
  const first = loadBackupKey({ source: {}, keyFile });
  assert.equal(statSync(keyFile).mode & 0o777, 0o600);
  const again = loadBackupKey({ source: { NODE_ENV: 'development' }, keyFile });
  assert.ok(first && again && first.key.equals(again.key));
  assert.equal(Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64').length, 32);
});

test('in production without the variable there is no key (the manager refuses to run)', () => {
  const keyFile = path.join(dir, 'prod-key');
  writeFileSync(keyFile, randomBytes(32).toString('base64'));
  assert.equal(loadBackupKey({ source: { NODE_ENV: 'production' }, keyFile }), null);
});

test('a key that is not 32 bytes of base64 is refused at start-up', () => {
  const base = { DATABASE_URL: 'postgres://x', NEXTAUTH_SECRET: 'x'.repeat(16), APP_ENCRYPTION_KEY: 'k'.repeat(43) };
  assert.throws(() => parseEnv({ ...base, BACKUP_ENCRYPTION_KEY: 'too-short' }), /BACKUP_ENCRYPTION_KEY/);
  const good = randomBytes(32).toString('base64');
  assert.equal(parseEnv({ ...base, BACKUP_ENCRYPTION_KEY: good }).BACKUP_ENCRYPTION_KEY, good);
  assert.equal(parseEnv(base).BACKUP_DIR, '.data/backups');
  assert.throws(() => loadBackupKey({ source: { BACKUP_ENCRYPTION_KEY: 'abc' } }), /32 random bytes/);
});
