import assert from 'node:assert/strict';
import { test } from 'node:test';
import { trustedPaidAt } from './paid-time';

const created = new Date('2026-12-06T10:00:00Z');
const arrived = new Date('2026-12-06T10:05:00Z');

test("a gateway's paid time after the payment was created is kept", () => {
  const paid = new Date('2026-12-06T10:03:00Z');
  assert.equal(trustedPaidAt(paid, created, arrived).toISOString(), paid.toISOString());
});

test('a paid time before the payment was created is replaced by the arrival time', () => {
  assert.equal(trustedPaidAt(new Date('2026-12-06T03:03:00Z'), created, arrived).toISOString(), arrived.toISOString());
  assert.equal(trustedPaidAt(new Date('2025-01-01T00:00:00Z'), created, arrived).toISOString(), arrived.toISOString());
});

test('a paid time in the future, a missing one or an invalid one becomes the arrival time', () => {
  assert.equal(trustedPaidAt(new Date('2026-12-07T10:00:00Z'), created, arrived).toISOString(), arrived.toISOString());
  assert.equal(trustedPaidAt(null, created, arrived).toISOString(), arrived.toISOString());
  assert.equal(trustedPaidAt(new Date('nope'), created, arrived).toISOString(), arrived.toISOString());
});
