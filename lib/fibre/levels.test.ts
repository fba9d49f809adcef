import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_THRESHOLDS, signalLevel } from './levels';

test('a reading at or below a threshold takes its level; no reading has none', () => {
  assert.equal(signalLevel(-19.5, DEFAULT_THRESHOLDS), 'ok');
  assert.equal(signalLevel(-25, DEFAULT_THRESHOLDS), 'warning');
  assert.equal(signalLevel(-26.9, DEFAULT_THRESHOLDS), 'warning');
  assert.equal(signalLevel(-27, DEFAULT_THRESHOLDS), 'critical');
  assert.equal(signalLevel(-40, DEFAULT_THRESHOLDS), 'critical');
  assert.equal(signalLevel(null, DEFAULT_THRESHOLDS), null);
  assert.equal(signalLevel(Number.NaN, DEFAULT_THRESHOLDS), null);
});
