import 'fake-indexeddb/auto';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { openFieldStore } from './queue';
import { clearFieldData } from './sign-out';

/** CacheStorage as the browser has it, enough for keys and delete. */
function fakeCaches(names: string[]) {
  const left = new Set(names);
  return {
    left,
    storage: {
      keys: async () => [...left],
      delete: async (name: string) => left.delete(name),
    } as unknown as CacheStorage,
  };
}

describe('signing out on a shared phone', () => {
  test('deletes the technician app’s caches and saved work orders, keeps the unsent steps', async () => {
    const dbName = `test-${randomUUID()}`;
    const store = await openFieldStore(dbName);
    await store.saveCache('work-orders:u1', { owner: 'u1', list: [{ id: 'wo' }] });
    const key = randomUUID();
    await store.enqueue({
      kind: 'action',
      key,
      userId: 'u1',
      workOrderId: 'wo',
      createdAt: new Date().toISOString(),
      action: { key, workOrderId: 'wo', version: 1, at: new Date().toISOString(), type: 'finish' },
    });
    store.close();
    const caches = fakeCaches(['jaring-tech-shell-v1', 'jaring-tech-data-v1', 'other-app']);
    const saved = new Map([
      ['jaring-bag:u1', '{"units":[{"serial":"ZTEG1"}]}'],
      ['theme', 'dark'],
    ]);
    const localStorage = {
      get length() {
        return saved.size;
      },
      key: (i: number) => [...saved.keys()][i] ?? null,
      removeItem: (k: string) => saved.delete(k),
    } as unknown as Storage;
    await clearFieldData({ caches: caches.storage, dbName, localStorage });
    assert.deepEqual([...caches.left], ['other-app']);
    assert.deepEqual([...saved.keys()], ['theme'], 'the bag’s serials and MACs are not left for the next person');
    const after = await openFieldStore(dbName);
    assert.equal(await after.readCache('work-orders:u1'), null);
    assert.equal(await after.pendingCount('u1'), 1, 'the finish still goes when its technician signs in');
    assert.equal(await after.pendingCount('u2'), 0, 'and is not the next technician’s');
    after.close();
  });
});
