import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatMonth } from '@/lib/format';
import { compactIDR, formatValue } from './format';

test('month names and compact rupiah in the reader language', () => {
  assert.equal(formatMonth('2026-12-01', 'id'), 'Des 2026');
  assert.equal(formatMonth('2026-12-01', 'en'), 'Dec 2026');
  assert.equal(formatMonth('2026-05-01', 'id', { year: false }), 'Mei');
  assert.match(compactIDR(1_250_000, 'id'), /^Rp 1,3\sjt$/);
  assert.equal(formatValue(0.456, 'percent', 'id'), '46%');
  assert.match(formatValue(150_000, 'idr', 'en'), /^Rp\s150\.000$/);
});
