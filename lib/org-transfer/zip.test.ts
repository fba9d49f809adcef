import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { ZipWriter } from './zip';

test('an entry that fails gives its error to the caller, never an unhandled error event (a worker would end)', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'jaring-zip-'));
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown) => uncaught.push(error);
  process.on('uncaughtException', onUncaught);
  try {
    const zip = new ZipWriter(path.join(dir, 'x.zip'));
    await zip.entry('data/a.jsonl', (write) => write('{"a":1}\n'));
    const failure = await zip
      .entry('data/b.jsonl', async (write) => {
        await write('{"b":1}\n');
        throw new Error('Unknown secret format');
      })
      .catch((error: Error) => error);
    assert.equal((failure as Error).message, 'Unknown secret format');
    zip.abort(failure as Error);
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(uncaught, []);
  } finally {
    process.off('uncaughtException', onUncaught);
    rmSync(dir, { recursive: true, force: true });
  }
});
