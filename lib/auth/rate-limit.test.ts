import assert from 'node:assert/strict';
import { test } from 'node:test';
import { delayCapSeconds, progressiveDelaySeconds } from './rate-limit';

test('an account + address pair gets three free failures, then a doubling delay up to the cap', () => {
  assert.deepEqual(
    [0, 1, 2, 3, 4, 5, 6].map((n) => progressiveDelaySeconds(n, 900)),
    [0, 0, 0, 0, 2, 4, 8],
  );
  assert.equal(progressiveDelaySeconds(40, 900), 900);
  assert.equal(progressiveDelaySeconds(1000, 900), 900);
});

test('the longest delay is shorter than the window, so sitting it out keeps the failures counted', () => {
  assert.equal(delayCapSeconds(15), 450);
  assert.ok(delayCapSeconds(1) < 60);
});
