import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalizeSerial, parseSerialList, validSerial } from './serials';

test('a scanned, typed or pasted serial compares the same', () => {
  assert.equal(normalizeSerial(' zteg c1234 '), 'ZTEGC1234');
  assert.equal(validSerial('ab'), null);
  assert.equal(validSerial('ZTE<script>'), null);
  assert.equal(validSerial('hwtc-1a2b/3'), 'HWTC-1A2B/3');
});

test('a pasted list keeps order, drops repeats and reports what is not a serial', () => {
  const r = parseSerialList('ZTEG0001\nzteg0002, ZTEG0001\t??\n\n ZTEG0003 ');
  assert.deepEqual(r.serials, ['ZTEG0001', 'ZTEG0002', 'ZTEG0003']);
  assert.deepEqual(r.repeated, ['ZTEG0001']);
  assert.deepEqual(r.invalid, ['??']);
});
