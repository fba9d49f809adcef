import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldSignatureSchema } from '@/lib/workorders/schemas';
import { MAC_PATTERN, normalizeMac, SIGNED_NAME_MIN } from './rules';

test('the phone and the server agree on a MAC and a signer’s name', () => {
  for (const mac of ['AABBCCDDEEFF', 'aa:bb:cc:dd:ee:ff', 'AA-BB-CC-DD-EE-FF']) {
    assert.ok(MAC_PATTERN.test(mac), mac);
    assert.equal(normalizeMac(mac), 'AA:BB:CC:DD:EE:FF');
  }
  assert.ok(!MAC_PATTERN.test('AABBCCDDEEF'));
  assert.ok(!MAC_PATTERN.test('AA:BBCC:DD:EE:FF'));
  // The phone refuses a name shorter than SIGNED_NAME_MIN; the server refuses exactly those.
  const short = 'x'.repeat(SIGNED_NAME_MIN - 1);
  const ok = 'x'.repeat(SIGNED_NAME_MIN);
  const name = fieldSignatureSchema.shape.signedName;
  assert.ok(!name.safeParse(short).success);
  assert.ok(name.safeParse(ok).success);
});
