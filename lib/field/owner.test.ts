import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isOwnedBy } from './owner';

describe('a saved copy of the work orders', () => {
  test('opens only for the technician it was saved for', () => {
    assert.equal(isOwnedBy('u1', 'u1'), true);
    assert.equal(isOwnedBy('u1', 'u2'), false);
    // Saved before answers named their owner: not shown.
    assert.equal(isOwnedBy(null, 'u1'), false);
    assert.equal(isOwnedBy('', 'u1'), false);
  });
});
