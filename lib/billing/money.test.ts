import assert from 'node:assert/strict';
import { test } from 'node:test';
import { localDay, periodOf, prorataOf, shiftMonth, taxOf } from './money';

test('PPN 11 % is rounded half up to the rupiah', () => {
  assert.equal(taxOf(150_000, 11), 16_500);
  assert.equal(taxOf(166_500, 11), 18_315);
  assert.equal(taxOf(100_005, 11), 11_001); // 11000.55 -> 11001
  assert.equal(taxOf(100_004, 11), 11_000); // 11000.44 -> 11000
  assert.equal(taxOf(50, 11), 6); // 5.5 -> 6
  assert.equal(taxOf(0, 11), 0);
  assert.equal(taxOf(-10_000, 11), 0);
});

test('prorata: days used over days in the month, rounded half up', () => {
  assert.equal(prorataOf(150_000, 16, 30), 80_000); // activated on the 15th of a 30-day month
  assert.equal(prorataOf(150_000, 1, 31), 4_839); // 4838.7
  assert.equal(prorataOf(100_000, 10, 28), 35_714); // 35714.28
  assert.equal(prorataOf(166_500, 30, 30), 166_500);
});

test('periods follow the organization zone, not UTC', () => {
  const lateNight = new Date('2026-11-30T18:30:00Z'); // 1 Dec 01:30 WIB
  assert.equal(periodOf(lateNight, 'Asia/Jakarta'), '2026-12-01');
  assert.equal(periodOf(lateNight, 'UTC'), '2026-11-01');
  assert.equal(localDay(lateNight, 'Asia/Jayapura'), 1);
  assert.equal(shiftMonth('2026-01-01', -1), '2025-12-01');
  assert.equal(shiftMonth('2026-12-01', 1), '2027-01-01');
});
