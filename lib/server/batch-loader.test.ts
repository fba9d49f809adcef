import assert from 'node:assert/strict';
import { test } from 'node:test';
import { batchLoader } from './batch-loader';

test('lookups made together are answered by one load; misses are undefined; errors reach every caller', async () => {
  const calls: number[][] = [];
  const load = batchLoader(async (keys: number[]) => {
    calls.push(keys);
    if (keys.includes(13)) throw new Error('unlucky');
    return new Map(keys.filter((k) => k !== 7).map((k) => [k, k * 10]));
  });
  assert.deepEqual(await Promise.all([load(1), load(2), load(2), load(7)]), [10, 20, 20, undefined]);
  assert.deepEqual(calls, [[1, 2, 7]]);
  assert.equal(await load(3), 30);
  assert.equal(calls.length, 2);
  const failed = await Promise.allSettled([load(13), load(4)]);
  assert.deepEqual(
    failed.map((f) => f.status),
    ['rejected', 'rejected'],
  );
});
