import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canMoveTo, isActive, nextStatuses } from './status';

test('the status flow goes forward, reopens from resolved or closed, and never skips back silently', () => {
  assert.ok(canMoveTo('open', 'in_progress'));
  assert.ok(canMoveTo('in_progress', 'waiting'));
  assert.ok(canMoveTo('waiting', 'resolved'));
  assert.ok(canMoveTo('resolved', 'closed'));
  assert.ok(canMoveTo('closed', 'open'));
  assert.ok(canMoveTo('resolved', 'open'));
  assert.ok(!canMoveTo('closed', 'resolved'));
  assert.ok(!canMoveTo('open', 'closed'));
  assert.deepEqual(nextStatuses('open'), ['in_progress', 'waiting', 'resolved']);
  assert.ok(isActive('waiting'));
  assert.ok(!isActive('resolved'));
});
