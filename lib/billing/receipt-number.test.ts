import assert from 'node:assert/strict';
import { test } from 'node:test';
import { receiptNumber } from './receipt-number';

test('a receipt number is read from the payment itself: the same every time it is printed', () => {
  const id = '3f9a2c1b-0d4e-4a5b-9c8d-7e6f5a4b3c2d';
  const at = new Date('2026-12-06T03:15:00Z');
  assert.equal(receiptNumber(id, at, 'Asia/Jakarta'), 'KW/20261206/3F9A2C1B');
  assert.equal(receiptNumber(id, new Date(at), 'Asia/Jakarta'), receiptNumber(id, at, 'Asia/Jakarta'));
  assert.notEqual(
    receiptNumber('3f9a2c1c-0000-4000-8000-000000000000', at, 'Asia/Jakarta'),
    receiptNumber(id, at, 'Asia/Jakarta'),
  );
});

test("the day in a receipt number is the organization's day, the one the receipt prints as its date", () => {
  const id = '3f9a2c1b-0d4e-4a5b-9c8d-7e6f5a4b3c2d';
  // 16:59 UTC is 23:59 in Jakarta (WIB), 00:59 the next day in Makassar (WITA), 01:59 in Jayapura (WIT).
  const late = new Date('2026-12-06T16:59:00Z');
  assert.equal(receiptNumber(id, late, 'Asia/Jakarta'), 'KW/20261206/3F9A2C1B');
  assert.equal(receiptNumber(id, late, 'Asia/Makassar'), 'KW/20261207/3F9A2C1B');
  assert.equal(receiptNumber(id, late, 'Asia/Jayapura'), 'KW/20261207/3F9A2C1B');
  // 23:30 UTC is already 06:30 the next morning in Jakarta.
  assert.equal(receiptNumber(id, new Date('2026-12-06T23:30:00Z'), 'Asia/Jakarta'), 'KW/20261207/3F9A2C1B');
});
