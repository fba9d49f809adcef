import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDate, formatDateTime, formatIDR, formatMonth, isDay, zonedDayStart } from './format';

test('rupiah has no decimals and uses dots for thousands', () => {
  assert.equal(formatIDR(150000).replace(/\s/g, ' '), 'Rp 150.000');
  assert.equal(formatIDR(1_250_000n).replace(/\s/g, ' '), 'Rp 1.250.000');
});

test('UTC timestamps are shown in the organization zone', () => {
  const utc = new Date('2026-11-24T17:30:00Z');
  assert.match(formatDateTime(utc, 'en', 'Asia/Jakarta'), /25 Nov 2026.*00:30/);
  assert.match(formatDateTime(utc, 'en', 'Asia/Jayapura'), /25 Nov 2026.*02:30/);
  assert.equal(formatDateTime(null, 'id'), '—');
});

test('calendar dates are shown as written, whatever the server zone', () => {
  assert.equal(formatDate('2026-11-20', 'id'), '20 Nov 2026');
  assert.equal(formatDate(null, 'id'), '—');
});

test('a typed day starts at midnight in the organization zone', () => {
  assert.equal(zonedDayStart('2026-12-06', 'Asia/Jakarta').toISOString(), '2026-12-05T17:00:00.000Z');
  assert.equal(zonedDayStart('2026-12-06', 'Asia/Jayapura').toISOString(), '2026-12-05T15:00:00.000Z');
  assert.equal(zonedDayStart('2026-12-31', 'Asia/Makassar', 1).toISOString(), '2026-12-31T16:00:00.000Z');
  assert.ok(isDay('2026-12-06'));
  assert.ok(!isDay('2026-12') && !isDay(undefined) && !isDay('06/12/2026'));
  assert.ok(!isDay('2026-02-31') && !isDay('2026-02-29') && !isDay('2026-13-01') && !isDay('2026-04-31'));
  assert.ok(isDay('2028-02-29') && isDay('2026-12-31'));
});

test('months are named in the reader language', () => {
  assert.equal(formatMonth('2026-12', 'id'), 'Des 2026');
  assert.equal(formatMonth('2026-12-01', 'en'), 'Dec 2026');
  assert.equal(formatMonth('2026-05', 'id', { month: 'long' }), 'Mei 2026');
});
