import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatGB } from './format';

test("gigabytes in the reader's number format", () => {
  assert.equal(formatGB(12_345_678_901, 'id'), '12,35');
  assert.equal(formatGB(1_234_500_000_000, 'id'), '1.234,5');
  assert.equal(formatGB(12_345_678_901, 'en'), '12.35');
  assert.equal(formatGB(0, 'id'), '0');
});
