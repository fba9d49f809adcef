import 'fake-indexeddb/auto';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { type OutboxItem, openFieldStore, type SendOutcome, type StoredItem } from './queue';

const WO = randomUUID();
const action = (type: string, extra: Record<string, unknown> = {}): OutboxItem => {
  const key = randomUUID();
  return {
    kind: 'action',
    key,
    workOrderId: WO,
    number: 'SPK-000007',
    createdAt: new Date().toISOString(),
    action: { key, workOrderId: WO, version: 1, at: new Date().toISOString(), type, ...extra },
  };
};
const fresh = () => openFieldStore(`test-${randomUUID()}`);

describe('the field outbox', () => {
  test('sends in the order the steps were made, each once, and empties', async () => {
    const store = await fresh();
    const items = [action('check_in'), action('checklist', { itemId: 'a', done: true }), action('finish')];
    for (const item of items) await store.enqueue(item);
    assert.equal(await store.pendingCount(), 3);
    const seen: string[] = [];
    const result = await store.flush(async (item) => {
      seen.push(item.key);
      return { status: 'sent', version: 1 };
    });
    assert.deepEqual(
      seen,
      items.map((i) => i.key),
    );
    assert.deepEqual(result, { sent: 3, refused: 0, held: 0 });
    assert.equal(await store.pendingCount(), 0);
    // A second flush has nothing to send: nothing goes twice.
    await store.flush(async () => assert.fail('sent again'));
    store.close();
  });

  test('the same key queued twice (a double tap) is one item', async () => {
    const store = await fresh();
    const item = action('check_in');
    await store.enqueue(item);
    await store.enqueue(item);
    assert.equal(await store.pendingCount(), 1);
    store.close();
  });

  test('offline: the head is held with its key, nothing behind it jumps ahead, and the retry repeats the key', async () => {
    const store = await fresh();
    const [a, b] = [action('check_in'), action('finish')];
    await store.enqueue(a);
    await store.enqueue(b);
    const offline = await store.flush(async () => ({ status: 'retry', error: 'Failed to fetch' }));
    assert.deepEqual(offline, { sent: 0, refused: 0, held: 2, error: 'Failed to fetch' });
    const [head] = await store.pending();
    assert.equal(head!.key, a.key);
    assert.equal(head!.attempts, 1);
    // A thrown network error is a retry too, not a loss.
    await store.flush(async () => {
      throw new TypeError('NetworkError');
    });
    assert.equal(await store.pendingCount(), 2);
    const keys: string[] = [];
    await store.flush(async (item) => {
      keys.push(item.key);
      return { status: 'sent' };
    });
    assert.deepEqual(keys, [a.key, b.key]);
    store.close();
  });

  test('a refused step (reassigned meanwhile) is kept as a problem to show, and the rest still goes', async () => {
    const store = await fresh();
    const [a, b] = [action('check_in'), action('note', { text: 'Kabel sudah ditarik' })];
    await store.enqueue(a);
    await store.enqueue(b);
    const answers: SendOutcome[] = [
      { status: 'refused', reason: 'reassigned', message: 'Dialihkan ke teknisi lain.' },
      { status: 'sent' },
    ];
    const result = await store.flush(async () => answers.shift()!);
    assert.deepEqual(result, { sent: 1, refused: 1, held: 0 });
    const problems = await store.problems();
    assert.equal(problems.length, 1);
    assert.equal(problems[0]!.key, a.key);
    assert.equal(problems[0]!.type, 'check_in');
    assert.equal(problems[0]!.reason, 'reassigned');
    // Named by its number even when the work order has left the technician's list.
    assert.equal(problems[0]!.number, 'SPK-000007');
    await store.dismissProblem(a.key);
    assert.equal((await store.problems()).length, 0);
    store.close();
  });

  test('two flushes at once (the online event and the timer) send each item once', async () => {
    const store = await fresh();
    for (let i = 0; i < 5; i++) await store.enqueue(action('note', { text: `n${i}` }));
    const sent: string[] = [];
    const send = async (item: StoredItem): Promise<SendOutcome> => {
      await new Promise((r) => setTimeout(r, 2));
      sent.push(item.key);
      return { status: 'sent' };
    };
    await Promise.all([store.flush(send), store.flush(send), store.flush(send)]);
    assert.equal(sent.length, 5);
    assert.equal(new Set(sent).size, 5);
    store.close();
  });

  test('photos wait in the outbox with their bytes', async () => {
    const store = await fresh();
    const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    await store.enqueue({
      kind: 'photo',
      key: randomUUID(),
      workOrderId: WO,
      createdAt: new Date().toISOString(),
      blob: new Blob([bytes], { type: 'image/jpeg' }),
      mime: 'image/jpeg',
      takenAt: new Date().toISOString(),
    });
    const [item] = await store.pending();
    assert.equal(item!.kind, 'photo');
    const blob = (item as Extract<StoredItem, { kind: 'photo' }>).blob;
    assert.deepEqual(new Uint8Array(await blob.arrayBuffer()), bytes);
    store.close();
  });

  test('the work orders saved for offline are read back', async () => {
    const store = await fresh();
    await store.saveCache('list', [{ id: WO }]);
    assert.deepEqual(await store.readCache('list'), [{ id: WO }]);
    assert.equal(await store.readCache('missing'), null);
    store.close();
  });
});
