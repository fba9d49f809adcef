import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { localStore } from '@/lib/backups/stores/local';
import { s3Store } from '@/lib/backups/stores/s3';
import { sftpStore } from '@/lib/backups/stores/sftp';
import { type BackupStore, BackupStoreError, type BackupStoreErrorCode } from '@/lib/backups/types';
import { type LocalS3, startS3rver } from '@/tests/support/s3rver';
import { type Sshd, sshdMissing, startSshd } from '@/tests/support/sshd';

/**
 * The three backup stores against real servers: OpenSSH's sshd (SFTP, key login, host key
 * check) and s3rver (the S3 API with signature checks), both on loopback ports; and what each
 * says when the storage is down, refuses the key or is full.
 */
const work = mkdtempSync(path.join(os.tmpdir(), 'jaring-store-test-'));
after(() => rmSync(work, { recursive: true, force: true }));

function sampleFile(name: string, bytes: number) {
  const file = path.join(work, name);
  const data = randomBytes(bytes);
  writeFileSync(file, data);
  return { file, sha256: createHash('sha256').update(data).digest('hex') };
}

async function rejectsWith(promise: Promise<unknown>, code: BackupStoreErrorCode) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof BackupStoreError, `not a BackupStoreError: ${error}`);
    assert.equal(error.code, code, error.message);
    return true;
  });
}

/** What every store must do: the contract in lib/backups/types.ts. */
async function roundTrip(store: BackupStore) {
  await store.check();
  assert.deepEqual(await store.list(), []);
  const older = sampleFile('older.bin', 64 * 1024);
  const newer = sampleFile('newer.bin', 300 * 1024 + 7);
  const put = await store.put(older.file, 'jaring-20250101-030000.jbk', older.sha256);
  assert.match(put.location, /jaring-20250101-030000\.jbk$/);
  await store.put(newer.file, 'jaring-20250102-030000.jbk', newer.sha256);

  const listed = await store.list();
  assert.deepEqual(
    listed.map((b) => [b.name, b.sizeBytes]),
    [
      ['jaring-20250102-030000.jbk', 300 * 1024 + 7],
      ['jaring-20250101-030000.jbk', 64 * 1024],
    ],
    'newest first (by time, then by name within the second), sidecars and partial uploads not listed',
  );
  assert.ok(listed[0]!.modifiedAt >= listed[1]!.modifiedAt);

  const copy = path.join(work, `copy-${store.kind}.jbk`);
  const got = await store.get('jaring-20250102-030000.jbk', copy);
  assert.equal(got.sha256, newer.sha256);
  assert.ok(readFileSync(copy).equals(readFileSync(newer.file)));

  await store.remove('jaring-20250101-030000.jbk');
  await store.remove('jaring-20250101-030000.jbk'); // a missing file is not an error
  assert.deepEqual(
    (await store.list()).map((b) => b.name),
    ['jaring-20250102-030000.jbk'],
  );
  await rejectsWith(store.get('jaring-20250101-030000.jbk', copy), 'not_found');
  await assert.rejects(store.put(newer.file, '../escape.jbk', newer.sha256), BackupStoreError);
}

describe('SFTP store against OpenSSH', { skip: process.getuid?.() !== 0 && sshdMissing() }, () => {
  let sshd: Sshd;
  before(async () => {
    sshd = await startSshd();
  });
  after(() => sshd?.stop());
  const config = (over: Partial<Parameters<typeof sftpStore>[0]> = {}) => ({
    kind: 'sftp' as const,
    host: sshd.host,
    port: sshd.port,
    username: sshd.username,
    path: path.join(sshd.dir, 'backups'),
    privateKey: sshd.privateKey,
    hostKeySha256: `SHA256:${sshd.hostKeySha256}`,
    ...over,
  });

  test('puts, lists, gets and removes backups with their checksums, the host key checked', async () => {
    const store = sftpStore(config());
    assert.equal(store.label, `sftp://${sshd.username}@127.0.0.1:${sshd.port}${path.join(sshd.dir, 'backups')}`);
    await roundTrip(store);
    // The checksum sidecar sits beside the file, in sha256sum's format.
    const sidecar = readFileSync(path.join(sshd.dir, 'backups', 'jaring-20250102-030000.jbk.sha256'), 'utf8');
    assert.match(sidecar, /^[0-9a-f]{64} {2}jaring-20250102-030000\.jbk\n$/);
  });

  test('a key the server does not accept is auth_failed', async () => {
    const other = path.join(work, 'other_ed25519');
    const { spawnSync } = await import('node:child_process');
    spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', other]);
    await rejectsWith(sftpStore(config({ privateKey: readFileSync(other, 'utf8') })).check(), 'auth_failed');
  });

  test('another host key than the one expected is host_key_mismatch, before logging in', async () => {
    const store = sftpStore(config({ hostKeySha256: 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }));
    await rejectsWith(store.check(), 'host_key_mismatch');
  });

  test('a closed port is unreachable', async () => {
    const { port } = sshd;
    const closed = port === 65_535 ? port - 1 : port + 1;
    await rejectsWith(sftpStore(config({ port: closed })).list(), 'unreachable');
  });
});

describe('S3 store against s3rver', () => {
  let s3: LocalS3;
  before(async () => {
    s3 = await startS3rver({ buckets: ['jaring-backups'] });
  });
  after(() => s3?.stop());
  const config = (over: Partial<Parameters<typeof s3Store>[0]> = {}) => ({
    kind: 's3' as const,
    endpoint: s3.endpoint,
    region: s3.region,
    bucket: 'jaring-backups',
    prefix: 'platform/',
    accessKeyId: s3.accessKeyId,
    secretAccessKey: s3.secretAccessKey,
    forcePathStyle: true,
    ...over,
  });

  test('puts (one PUT, or in parts), lists, gets and removes backups with their checksums', async () => {
    // Parts of 128 KiB above 200 KiB: the 300 KiB file goes as a three-part multipart upload.
    const store = s3Store(config(), { singlePutMaxBytes: 200 * 1024, partSizeBytes: 128 * 1024 });
    assert.equal(store.label, `s3://jaring-backups/platform/ (${s3.endpoint})`);
    await roundTrip(store);
  });

  // s3rver checks the access key id, not SigV4 signatures: a wrong secret passes there.
  test('an unknown access key is auth_failed, a missing bucket not_found', async () => {
    await rejectsWith(s3Store(config({ accessKeyId: 'NOBODY' }), { maxAttempts: 1 }).check(), 'auth_failed');
    await rejectsWith(s3Store(config({ accessKeyId: 'NOBODY' }), { maxAttempts: 1 }).list(), 'auth_failed');
    await rejectsWith(s3Store(config({ bucket: 'no-such-bucket' }), { maxAttempts: 1 }).list(), 'not_found');
  });

  test('a closed port is unreachable', async () => {
    const port = Number(new URL(s3.endpoint).port);
    const store = s3Store(config({ endpoint: `http://127.0.0.1:${port === 65_535 ? port - 1 : port + 1}` }), {
      maxAttempts: 1,
    });
    await rejectsWith(store.list(), 'unreachable');
  });
});

describe('local store', () => {
  test('puts, lists, gets and removes backups with their checksums', async () => {
    await roundTrip(localStore({ kind: 'local', path: path.join(work, 'local-backups') }));
  });

  test('a full disk is no_space, and leaves no partial file behind', async () => {
    const dir = mkdtempSync(path.join(work, 'full-'));
    // Writing through a link to /dev/full fails with ENOSPC, as a full disk does.
    symlinkSync('/dev/full', path.join(dir, 'jaring-20250103-030000.jbk.part'));
    const store = localStore({ kind: 'local', path: dir });
    const sample = sampleFile('full.bin', 64 * 1024);
    await rejectsWith(store.put(sample.file, 'jaring-20250103-030000.jbk', sample.sha256), 'no_space');
    assert.deepEqual(await store.list(), []);
  });
});
