import assert from 'node:assert/strict';
import { test } from 'node:test';
import { requestSummary } from './sheet';

test('a pause and a stop read with their dates in the reader’s language, never as 2026-11-22', () => {
  const pause = { kind: 'pause' as const, details: { days: 14, startDate: '2026-11-22' } };
  const stop = { kind: 'stop' as const, details: { reason: 'Pindah kota', endDate: '2026-12-31' } };
  assert.equal(requestSummary('id', pause, {}), '14 hari mulai 22 Nov 2026');
  assert.equal(requestSummary('en', pause, {}), '14 days from 22 Nov 2026');
  assert.equal(requestSummary('id', stop, {}), 'Berhenti 31 Des 2026: Pindah kota');
  assert.equal(requestSummary('en', stop, {}), 'Stop on 31 Dec 2026: Pindah kota');
});
