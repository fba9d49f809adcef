import assert from 'node:assert/strict';
import { test } from 'node:test';
import { daysInMonthAt, downtimeCredit } from './credit';

test('downtime credit: price times the share of the month, half up, negative', () => {
  // 3 hours of a 30-day month on Rp 150.000: 150000 * 10800 / 2592000 = 625
  assert.equal(downtimeCredit(150_000, 3 * 3600, 30), -625);
  // 1 day of a 31-day month on Rp 166.500: 5370.97 -> 5371
  assert.equal(downtimeCredit(166_500, 86_400, 31), -5_371);
  // exactly half a rupiah (Rp 1 for half a day of a 1-day month) rounds up
  assert.equal(downtimeCredit(1, 43_200, 1), -1);
});

test('downtime credit: never more than the month, nothing for free plans or no downtime', () => {
  assert.equal(downtimeCredit(150_000, 60 * 86_400, 30), -150_000);
  assert.equal(downtimeCredit(0, 3600, 30), 0);
  assert.equal(downtimeCredit(150_000, 0, 30), 0);
});

test('days in month in the organization time zone', () => {
  // 31 Jan 20:00 UTC is already 1 Feb in Jakarta (UTC+7): February 2026 has 28 days.
  assert.equal(daysInMonthAt(new Date('2026-01-31T20:00:00Z'), 'Asia/Jakarta'), 28);
  assert.equal(daysInMonthAt(new Date('2026-01-31T10:00:00Z'), 'Asia/Jakarta'), 31);
});
