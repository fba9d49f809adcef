import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generate, stringToBytes } from 'otplib';
import { newTotpSecret, totpCode, totpUri, verifyTotp } from './totp';

test('the library computes the RFC 6238 test vectors (SHA-1, 8 digits)', async () => {
  const secret = stringToBytes('12345678901234567890');
  const vectors: [number, string][] = [
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ];
  for (const [epoch, want] of vectors) assert.equal(await generate({ secret, epoch, digits: 8 }), want, String(epoch));
});

test('a code is accepted once, one step of clock drift either way, and not again (replay)', async () => {
  const secret = newTotpSecret();
  const now = Math.floor(Date.now() / 1000);
  const step = await verifyTotp({ secret, code: await totpCode(secret, now), afterStep: null });
  assert.equal(step, Math.floor(now / 30));
  assert.equal(await verifyTotp({ secret, code: await totpCode(secret, now), afterStep: step }), null, 'replayed');
  assert.ok(await verifyTotp({ secret, code: await totpCode(secret, now - 30), afterStep: null }), 'phone 30 s behind');
  assert.equal(await verifyTotp({ secret, code: await totpCode(secret, now - 120), afterStep: null }), null, 'too old');
  assert.equal(await verifyTotp({ secret, code: 'abcdef', afterStep: null }), null);
});

test('the enrolment URI names the issuer and the account', () => {
  const uri = totpUri({ secret: 'JBSWY3DPEHPK3PXP', email: 'budi@net.id', issuer: 'Jaring' });
  assert.equal(uri, 'otpauth://totp/Jaring:budi%40net.id?secret=JBSWY3DPEHPK3PXP&issuer=Jaring');
});
