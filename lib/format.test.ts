import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDate, formatDateTime, formatIDR } from './format';

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
