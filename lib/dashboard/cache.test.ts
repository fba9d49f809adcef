import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cachedDashboard, resetDashboardCache } from './cache';

test('a dashboard value is reused until it expires, and a failure is not kept', async () => {
  let now = 0;
  resetDashboardCache(() => now);
  let loads = 0;
  const load = async () => ++loads;
  assert.equal(await cachedDashboard('org:admin', load, 1000), 1);
  assert.equal(await cachedDashboard('org:admin', load, 1000), 1);
  assert.equal(await cachedDashboard('org:finance', load, 1000), 2, 'per key');
  now = 1001;
  assert.equal(await cachedDashboard('org:admin', load, 1000), 3, 'expired');
  await assert.rejects(cachedDashboard('bad', () => Promise.reject(new Error('x')), 1000));
  assert.equal(await cachedDashboard('bad', load, 1000), 4, 'the failure was not cached');
  resetDashboardCache();
});
