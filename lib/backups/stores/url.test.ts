import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { BackupStoreError } from '../types';
import { storeFromUrl } from '.';

test('a path or file:// URL is a local store; a .jbk at the end is the file', () => {
  const folder = storeFromUrl('/srv/backups');
  assert.equal(folder.store.kind, 'local');
  assert.equal(folder.store.label, '/srv/backups');
  assert.equal(folder.name, null);
  const file = storeFromUrl('file:///srv/backups/jaring-20250102-030000.jbk');
  assert.equal(file.store.label, '/srv/backups');
  assert.equal(file.name, 'jaring-20250102-030000.jbk');
  assert.equal(storeFromUrl('backups/jaring-20250102-030000.jbk').store.label, path.resolve('backups'));
});

test('sftp:// names user, host, port and folder; the key comes from elsewhere', () => {
  const { store, name } = storeFromUrl('sftp://backup@10.0.0.5:2222/srv/jaring/jaring-20250102-030000.jbk', {
    privateKey: '-----BEGIN OPENSSH PRIVATE KEY-----',
  });
  assert.equal(store.kind, 'sftp');
  assert.equal(store.label, 'sftp://backup@10.0.0.5:2222/srv/jaring');
  assert.equal(name, 'jaring-20250102-030000.jbk');
  assert.equal(
    storeFromUrl('sftp://backup@nas/~/jaring', { privateKey: 'k' }).store.label,
    'sftp://backup@nas:22/jaring',
  );
  assert.throws(
    () => storeFromUrl('sftp://backup@nas/srv'),
    (e: BackupStoreError) => e.code === 'auth_failed' && /--identity/.test(e.message),
  );
});

test('s3:// names the bucket and prefix; the endpoint and keys come from elsewhere', () => {
  const keys = { accessKeyId: 'AKIA', secretAccessKey: 'secret' };
  const { store, name } = storeFromUrl('s3://isp-backups/jaring/daily', { ...keys, endpoint: 'https://s3.example' });
  assert.equal(store.kind, 's3');
  assert.equal(store.label, 's3://isp-backups/jaring/daily/ (https://s3.example)');
  assert.equal(name, null);
  assert.equal(storeFromUrl('s3://isp-backups/jaring-20250102-030000.jbk', keys).name, 'jaring-20250102-030000.jbk');
  assert.throws(() => storeFromUrl('s3://isp-backups'), /AWS_ACCESS_KEY_ID/);
  assert.throws(() => storeFromUrl('ftp://host/x'), BackupStoreError);
});
