import assert from 'node:assert/strict';
import { test } from 'node:test';
import { daysOverdue } from './overdue';

test('an open invoice is overdue from the day after its due date, in the organization calendar', () => {
  assert.equal(daysOverdue({ status: 'unpaid', dueDate: '2026-12-20' }, '2026-12-20'), 0);
  assert.equal(daysOverdue({ status: 'unpaid', dueDate: '2026-12-20' }, '2026-12-21'), 1);
  assert.equal(daysOverdue({ status: 'partial', dueDate: '2026-11-20' }, '2027-01-05'), 46);
  assert.equal(daysOverdue({ status: 'paid', dueDate: '2026-11-20' }, '2027-01-05'), 0);
  assert.equal(daysOverdue({ status: 'unpaid', dueDate: '2026-12-20' }, '2026-12-01'), 0);
});
