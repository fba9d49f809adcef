import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalizePhone } from './phone';

test('local, international and spaced forms all become 62…', () => {
  for (const input of ['0812-3456-7890', '+62 812 3456 7890', '6281234567890', '81234567890', '(0812) 3456.7890']) {
    assert.equal(normalizePhone(input), '6281234567890', input);
  }
});

test('landlines, foreign numbers, letters and short numbers are refused', () => {
  for (const input of ['021-5551234', '+1 415 555 0100', '0812abc', '0812', '', '62812345678901234']) {
    assert.equal(normalizePhone(input), null, input);
  }
});
