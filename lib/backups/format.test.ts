import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { after, test } from 'node:test';
import * as tar from 'tar';
import { BackupError, type BackupErrorCode } from './errors';
import { decodeHeader, decryptFile, encodeHeader, encryptToFile, readHeader } from './format';
import { backupKeyId } from './key';
import { inspectBackup, sha256File } from './restore';
import type { BackupManifest } from './types';

const dir = mkdtempSync(path.join(os.tmpdir(), 'jaring-format-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const key = randomBytes(32);

async function rejectsWith(promise: Promise<unknown>, code: BackupErrorCode, message?: RegExp) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof BackupError, `not a BackupError: ${error}`);
    assert.equal(error.code, code, error.message);
    if (message) assert.match(error.message, message);
    return true;
  });
}

/** A small backup like createBackupArchive makes, without a database. */
async function makeBackup(name: string, bytes = 200_000) {
  const staging = mkdtempSync(path.join(dir, 'staging-'));
  const manifest: BackupManifest = {
    format: 'jaring-backup/1',
    createdAt: '2025-01-02T03:00:00.000Z',
    database: {
      serverVersion: '15.20',
      pgDumpVersion: '15.20',
      migration: '0026_integrations',
      tables: { 'public.customers': 3 },
    },
    files: { count: 0, bytes: 0 },
    keyId: backupKeyId(key),
  };
  writeFileSync(path.join(staging, 'manifest.json'), JSON.stringify(manifest));
  writeFileSync(path.join(staging, 'database.dump'), randomBytes(bytes));
  writeFileSync(path.join(staging, 'files.tar'), Buffer.alloc(1024));
  const file = path.join(dir, name);
  const written = await encryptToFile(
    tar.c({ cwd: staging, portable: true }, ['manifest.json', 'database.dump', 'files.tar']),
    {
      file,
      key,
    },
  );
  return { file, manifest, written, staging };
}

function flipByte(file: string, offset: number) {
  const data = readFileSync(file);
  const at = offset < 0 ? data.length + offset : offset;
  data[at] = data[at]! ^ 0x01;
  writeFileSync(file, data);
}

test('the header carries the format version, the key id and the IV', () => {
  const iv = randomBytes(12);
  const header = decodeHeader(Buffer.concat([encodeHeader('0123456789abcdef', iv), Buffer.from('ciphertext')]));
  assert.equal(header.version, 1);
  assert.equal(header.keyId, '0123456789abcdef');
  assert.ok(header.iv.equals(iv));
  assert.equal(header.bytes.length, 8 + 2 + 16 + 12);
  assert.throws(
    () => decodeHeader(Buffer.from('PK\u0003\u0004 a zip file')),
    (e: BackupError) => e.code === 'not_a_backup',
  );
  const future = encodeHeader('0123456789abcdef', iv);
  future[8] = 2;
  assert.throws(
    () => decodeHeader(future),
    (e: BackupError) => e.code === 'unsupported_version',
  );
});

test('a backup decrypts to exactly what was encrypted; the sha256 is that of the stored file', async () => {
  const source = randomBytes(1_000_003);
  const file = path.join(dir, 'plain.jbk');
  const written = await encryptToFile(Readable.from([source.subarray(0, 500_000), source.subarray(500_000)]), {
    file,
    key,
  });
  assert.equal(written.sizeBytes, readFileSync(file).length);
  assert.equal(written.sha256, await sha256File(file));
  assert.equal(written.keyId, backupKeyId(key));
  assert.equal((await readHeader(file)).header.keyId, backupKeyId(key));
  const out = path.join(dir, 'plain.out');
  await decryptFile(file, key, out);
  assert.ok(readFileSync(out).equals(source));
  // The plaintext is not in the file.
  assert.equal(readFileSync(file).includes(source.subarray(0, 64)), false);
});

test('the dry run reads the manifest, with the key', async () => {
  const { file, manifest } = await makeBackup('dry.jbk');
  assert.deepEqual((await inspectBackup({ file, key })).manifest, manifest);
});

test('another key is refused, naming the key the backup needs', async () => {
  const { file } = await makeBackup('wrong-key.jbk', 1_000);
  const other = randomBytes(32);
  await rejectsWith(inspectBackup({ file, key: other }), 'wrong_key', new RegExp(`needs key ${backupKeyId(key)}`));
  await rejectsWith(decryptFile(file, other, path.join(dir, 'never')), 'wrong_key');
});

test('a changed byte anywhere (header, ciphertext, tag) is refused, and nothing decrypted is left', async () => {
  const { file } = await makeBackup('tamper.jbk');
  const pristine = readFileSync(file);
  // In the IV (the header is authenticated), in the middle, in the tag.
  for (const offset of [30, Math.floor(pristine.length / 2), -3]) {
    writeFileSync(file, pristine);
    flipByte(file, offset);
    const out = path.join(dir, 'tampered.out');
    await rejectsWith(decryptFile(file, key, out), 'damaged', /changed or damaged/);
    assert.throws(() => readFileSync(out), /ENOENT/);
    await rejectsWith(inspectBackup({ file, key }), 'damaged');
  }
  // Cut short: the tag is gone.
  writeFileSync(file, pristine.subarray(0, pristine.length - 1000));
  await rejectsWith(inspectBackup({ file, key }), 'damaged');
  writeFileSync(file, pristine.subarray(0, 20));
  await rejectsWith(inspectBackup({ file, key }), 'not_a_backup');
});

test('a file that is not a backup says so', async () => {
  const file = path.join(dir, 'notes.txt');
  writeFileSync(file, 'not a backup at all, just some text that is long enough');
  await rejectsWith(inspectBackup({ file, key }), 'not_a_backup');
});
