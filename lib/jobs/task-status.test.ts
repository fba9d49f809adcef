import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RouterError } from '@/lib/network/routeros/errors';
import { GatewayError } from '@/lib/payments/types';
import { AppError } from '@/lib/server/errors';
import { taskErrorCode } from './task-status';

test('a failure is stored as a code admins can read, never as its message', () => {
  assert.equal(taskErrorCode(new AppError('invoice_number_format')), 'invoice_number_format');
  assert.equal(taskErrorCode(new AppError('gateway_unauthorized')), 'gateway');
  assert.equal(taskErrorCode(new GatewayError('timeout', 'no answer')), 'gateway');
  assert.equal(taskErrorCode(new RouterError('refused', 'ECONNREFUSED')), 'router');
  // drizzle wraps postgres.js errors; the SQLSTATE is on the cause.
  assert.equal(taskErrorCode(Object.assign(new Error('Failed query'), { cause: { code: '23505' } })), 'database');
  assert.equal(taskErrorCode(Object.assign(new Error('x'), { code: 'P0001' })), 'database');
  assert.equal(taskErrorCode(new TypeError("Cannot read properties of undefined (reading 'id')")), 'unexpected');
  assert.equal(taskErrorCode(new AppError('not_found')), 'unexpected');
  assert.equal(taskErrorCode('a string'), 'unexpected');
});
