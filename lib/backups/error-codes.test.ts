import assert from 'node:assert/strict';
import { test } from 'node:test';
import en from '@/messages/en.json';
import id from '@/messages/id.json';
import { BACKUP_ERROR_CODES, backupErrorKey, backupErrorOf } from './error-codes';
import { BackupError } from './errors';
import { BackupStoreError } from './types';

test('every backup error code reads as words with what to do, in both languages', () => {
  for (const code of BACKUP_ERROR_CODES)
    for (const messages of [id, en]) {
      const text = (messages.backups.errors as Record<string, string>)[code];
      assert.ok(typeof text === 'string' && text.length > 20, `${code}`);
    }
  assert.equal(backupErrorKey('something_new'), 'backups.errors.other');
  assert.equal(backupErrorKey(null), 'backups.errors.other');
});

test('failures keep their store or archive code; a full or forbidden local disk is said so', () => {
  assert.equal(backupErrorOf(new BackupStoreError('host_key_mismatch', 'x')).code, 'host_key_mismatch');
  assert.equal(backupErrorOf(new BackupError('pg_dump_failed', 'x')).code, 'pg_dump_failed');
  // A code this page has no words for reads as "other", with the message kept as detail.
  assert.deepEqual(backupErrorOf(new BackupError('restore_incomplete', 'rows differ')), {
    code: 'other',
    message: 'rows differ',
  });
  assert.equal(backupErrorOf(Object.assign(new Error('disk'), { code: 'ENOSPC' })).code, 'no_space');
  assert.equal(backupErrorOf(Object.assign(new Error('ro'), { code: 'EROFS' })).code, 'permission_denied');
  assert.equal(backupErrorOf('boom').code, 'other');
});
