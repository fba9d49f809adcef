import assert from 'node:assert/strict';
import { test } from 'node:test';
import { receiptNumber } from './receipt-number';

test('a receipt number is read from the payment itself: the same every time it is printed', () => {
  const id = '3f9a2c1b-0d4e-4a5b-9c8d-7e6f5a4b3c2d';
  const at = new Date('2026-12-06T03:15:00Z');
  assert.equal(receiptNumber(id, at), 'KW/20261206/3F9A2C1B');
  assert.equal(receiptNumber(id, new Date(at)), receiptNumber(id, at));
  // The day is the WIB one: 23:30 UTC is already 06:30 the next morning in Jakarta.
  assert.equal(receiptNumber(id, new Date('2026-12-06T16:59:59Z')), 'KW/20261206/3F9A2C1B');
  assert.equal(receiptNumber(id, new Date('2026-12-06T23:30:00Z')), 'KW/20261207/3F9A2C1B');
  assert.notEqual(receiptNumber('3f9a2c1c-0000-4000-8000-000000000000', at), receiptNumber(id, at));
});
