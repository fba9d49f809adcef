import assert from 'node:assert/strict';
import { test } from 'node:test';
import { latestRequest } from './latest-request';

test('only the newest request’s response is applied, whatever order they come back in', async () => {
  const latest = latestRequest();
  const shown: string[] = [];
  const preview = (port: string, ms: number) => {
    const ticket = latest.take();
    return new Promise<void>((resolve) =>
      setTimeout(() => {
        if (latest.isLatest(ticket)) shown.push(port);
        resolve();
      }, ms),
    );
  };
  // Port 1 is slow, port 2 answers first: port 1's late answer is dropped.
  await Promise.all([preview('1', 30), preview('2', 5)]);
  assert.deepEqual(shown, ['2']);
});
