import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hookEventTypes, hooksForEvent } from './hooks';

test("a plugin's hooks, the specification's names included, map to event types", () => {
  assert.deepEqual(hookEventTypes(['invoice.paid', 'user.created', 'user.expired', 'nonsense']), [
    'customer.created',
    'invoice.paid',
    'subscription.isolated',
  ]);
  assert.deepEqual(hooksForEvent(['customer.created', 'user.created'], 'customer.created'), [
    'customer.created',
    'user.created',
  ]);
  assert.deepEqual(hooksForEvent(['user.expired'], 'subscription.isolated'), ['user.expired']);
  assert.deepEqual(hooksForEvent(['invoice.paid'], 'payment.created'), []);
});
