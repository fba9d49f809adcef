import 'fake-indexeddb/auto';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { MAX_SERVER_FAILURES, type OutboxItem, openFieldStore, type SendOutcome, type StoredItem } from './queue';

const WO = randomUUID();
const ME = randomUUID();
const action = (type: string, extra: Record<string, unknown> = {}): OutboxItem => {
  const key = randomUUID();
  return {
    kind: 'action',
    key,
    userId: ME,
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
    assert.equal(await store.pendingCount(ME), 3);
    const seen: string[] = [];
    const result = await store.flush(ME, async (item) => {
      seen.push(item.key);
      return { status: 'sent', version: 1 };
    });
    assert.deepEqual(
      seen,
      items.map((i) => i.key),
    );
    assert.deepEqual(result, { sent: 3, refused: 0, held: 0 });
    assert.equal(await store.pendingCount(ME), 0);
    // A second flush has nothing to send: nothing goes twice.
    await store.flush(ME, async () => assert.fail('sent again'));
    store.close();
  });

  test('the same key queued twice (a double tap) is one item', async () => {
    const store = await fresh();
    const item = action('check_in');
    await store.enqueue(item);
    await store.enqueue(item);
    assert.equal(await store.pendingCount(ME), 1);
    store.close();
  });

  test('offline: the head is held with its key, nothing behind it jumps ahead, and the retry repeats the key', async () => {
    const store = await fresh();
    const [a, b] = [action('check_in'), action('finish')];
    await store.enqueue(a);
    await store.enqueue(b);
    const offline = await store.flush(ME, async () => ({ status: 'retry', error: 'Failed to fetch' }));
    assert.deepEqual(offline, { sent: 0, refused: 0, held: 2, error: 'Failed to fetch' });
    const [head] = await store.pending(ME);
    assert.equal(head!.key, a.key);
    assert.equal(head!.attempts, 1);
    // A thrown network error is a retry too, not a loss.
    await store.flush(ME, async () => {
      throw new TypeError('NetworkError');
    });
    assert.equal(await store.pendingCount(ME), 2);
    const keys: string[] = [];
    await store.flush(ME, async (item) => {
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
    const result = await store.flush(ME, async () => answers.shift()!);
    assert.deepEqual(result, { sent: 1, refused: 1, held: 0 });
    const problems = await store.problems(ME);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]!.key, a.key);
    assert.equal(problems[0]!.type, 'check_in');
    assert.equal(problems[0]!.reason, 'reassigned');
    // Named by its number even when the work order has left the technician's list.
    assert.equal(problems[0]!.number, 'SPK-000007');
    await store.dismissProblem(a.key);
    assert.equal((await store.problems(ME)).length, 0);
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
    await Promise.all([store.flush(ME, send), store.flush(ME, send), store.flush(ME, send)]);
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
      userId: ME,
      workOrderId: WO,
      createdAt: new Date().toISOString(),
      blob: new Blob([bytes], { type: 'image/jpeg' }),
      mime: 'image/jpeg',
      takenAt: new Date().toISOString(),
    });
    const [item] = await store.pending(ME);
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
  test('a shared phone: only the signed-in technician’s steps are sent or shown; the other’s wait for them', async () => {
    const store = await fresh();
    const OTHER = randomUUID();
    const theirs = { ...action('check_in'), userId: OTHER };
    const mine = action('note', { text: 'saya' });
    await store.enqueue(theirs);
    await store.enqueue(mine);
    assert.deepEqual(
      (await store.pending(ME)).map((i) => i.key),
      [mine.key],
    );
    const sent: string[] = [];
    const result = await store.flush(ME, async (item) => {
      sent.push(item.key);
      return item.key === mine.key ? { status: 'sent' } : { status: 'refused', reason: 'not_found', message: '' };
    });
    assert.deepEqual(sent, [mine.key]);
    assert.deepEqual(result, { sent: 1, refused: 0, held: 0 });
    assert.deepEqual(await store.problems(ME), []);
    // Still there for its owner, and sent when they sign in.
    assert.equal(await store.pendingCount(OTHER), 1);
    await store.flush(OTHER, async (item) => {
      sent.push(item.key);
      return { status: 'refused', reason: 'reassigned', message: '' };
    });
    assert.deepEqual(sent, [mine.key, theirs.key]);
    assert.equal((await store.problems(OTHER)).length, 1);
    assert.equal((await store.problems(ME)).length, 0);
    store.close();
  });

  test('offline does not count, but a step the server keeps failing on becomes a problem to retry or discard', async () => {
    const store = await fresh();
    const [a, b] = [action('finish'), action('note', { text: 'n' })];
    await store.enqueue(a);
    await store.enqueue(b);
    for (let i = 0; i < 10; i++) await store.flush(ME, async () => ({ status: 'retry', error: 'offline' }));
    assert.equal(await store.pendingCount(ME), 2);
    for (let i = 0; i < MAX_SERVER_FAILURES - 1; i++)
      await store.flush(ME, async () => ({ status: 'retry', error: 'http_500', server: true }));
    assert.equal((await store.problems(ME)).length, 0, 'not yet');
    const sent: string[] = [];
    const result = await store.flush(ME, async (item) => {
      if (item.key === a.key) return { status: 'retry', error: 'http_500', server: true };
      sent.push(item.key);
      return { status: 'sent' };
    });
    assert.deepEqual(result, { sent: 1, refused: 1, held: 0 });
    assert.deepEqual(sent, [b.key], 'the step behind it is no longer blocked');
    const [problem] = await store.problems(ME);
    assert.equal(problem!.reason, 'server_error');
    // Retry puts it back with its key; it goes when the server has recovered.
    await store.retryProblem(a.key);
    assert.deepEqual(await store.problems(ME), []);
    const again: string[] = [];
    await store.flush(ME, async (item) => {
      again.push(item.key);
      return { status: 'sent' };
    });
    assert.deepEqual(again, [a.key]);
    store.close();
  });

  test('sign-out forgets the saved work orders', async () => {
    const store = await fresh();
    await store.saveCache('work-orders:x', { owner: 'x', list: [{ id: WO }] });
    await store.clearCache();
    assert.equal(await store.readCache('work-orders:x'), null);
    store.close();
  });
});
