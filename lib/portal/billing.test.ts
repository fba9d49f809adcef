import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lastDayOf } from './billing';

test('a paid period covers its whole month: the paid-through day is the last one', () => {
  assert.equal(lastDayOf('2026-12-01'), '2026-12-31');
  assert.equal(lastDayOf('2026-11-01'), '2026-11-30');
  assert.equal(lastDayOf('2028-02-01'), '2028-02-29');
  assert.equal(lastDayOf('2027-02-01'), '2027-02-28');
});
