import assert from 'node:assert/strict';
import { test } from 'node:test';
import { saveTargetSchema } from './schemas';

const errorsOf = (input: Record<string, unknown>) => {
  const r = saveTargetSchema.safeParse({ name: 'Cadangan', enabled: 'on', ...input });
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

test('a target folder or prefix with a ".." step is refused next to its field', () => {
  assert.deepEqual(errorsOf({ kind: 'local', path: '/srv/backups/../../etc' }), ['path: validation.backupPathDots']);
  assert.deepEqual(errorsOf({ kind: 'local', path: '/srv/backups..old/jaring' }), []);
  const sftp = { kind: 'sftp', host: 'nas.lan', port: '22', username: 'backup' };
  assert.deepEqual(errorsOf({ ...sftp, path: '../../root' }), ['path: validation.backupPathDots']);
  assert.deepEqual(errorsOf({ ...sftp, path: 'srv/jaring' }), []);
  const s3 = { kind: 's3', bucket: 'jaring-backups', accessKeyId: 'AKIA1' };
  assert.deepEqual(errorsOf({ ...s3, prefix: 'isp/../other' }), ['prefix: validation.backupPathDots']);
  assert.deepEqual(errorsOf({ ...s3, prefix: 'isp/jaring' }), []);
});
