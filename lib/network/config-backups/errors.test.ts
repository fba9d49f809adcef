import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigBackupError, classifySshError, maskSecrets } from './errors';

test('socket and SSH client failures become the kinds the router page explains', () => {
  const kind = (e: unknown) => classifySshError(e).kind;
  assert.equal(kind(Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:22'), { code: 'ECONNREFUSED' })), 'refused');
  assert.equal(
    kind(Object.assign(new Error('All configured authentication methods failed'), { level: 'client-authentication' })),
    'auth',
  );
  assert.equal(
    kind(Object.assign(new Error('Timed out while waiting for handshake'), { level: 'client-timeout' })),
    'timeout',
  );
  assert.equal(kind(Object.assign(new Error('getaddrinfo ENOTFOUND rb.lan'), { code: 'ENOTFOUND' })), 'unreachable');
  assert.equal(kind(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })), 'closed');
  assert.equal(kind(new Error('something else')), 'unknown');
  const own = new ConfigBackupError('command', 'x');
  assert.equal(classifySshError(own), own);
  // Retrying helps a network problem, not a wrong login or a changed key.
  assert.deepEqual(
    (['refused', 'timeout', 'auth', 'host_key_changed', 'command', 'not_allowed'] as const).map(
      (k) => new ConfigBackupError(k, '').retryable,
    ),
    [true, true, false, false, false, false],
  );
});

test('secrets are masked in what is stored, the longest first', () => {
  assert.equal(
    maskSecrets('login rahasia-budi failed (rahasia)', ['rahasia', 'rahasia-budi', null]),
    'login •••• failed (••••)',
  );
});
