import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decryptSecret, encryptSecret, maskSecret } from './crypto';

process.env.APP_ENCRYPTION_KEY ??= 'dGVzdC1rZXktdGVzdC1rZXktdGVzdC1rZXktMzJieXQ';
process.env.DATABASE_URL ??= 'postgres://unused';
process.env.NEXTAUTH_SECRET ??= 'unit-test-secret-123';

test('a secret round-trips and is never stored in clear', () => {
  const stored = encryptSecret('pppoe-rahasia');
  assert.ok(!stored.includes('pppoe-rahasia'));
  assert.notEqual(encryptSecret('pppoe-rahasia'), stored, 'a fresh IV each time');
  assert.equal(decryptSecret(stored), 'pppoe-rahasia');
});

test('a tampered ciphertext is rejected', () => {
  const [v, iv, tag, data] = encryptSecret('abc').split('.');
  const flipped = `${v}.${iv}.${tag}.${data!.slice(0, -2)}AA`;
  assert.throws(() => decryptSecret(flipped));
});

test('masks keep only the first and last character', () => {
  assert.equal(maskSecret('budi1234'), 'b••••4');
  assert.equal(maskSecret(''), '');
});
