import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeCursor, encodeCursor, toPage } from './pagination';

test('a cursor survives the round trip through a URL', () => {
  const createdAt = new Date('2026-11-24T01:02:03.456Z');
  const cursor = encodeCursor({ createdAt, id: 'abc' });
  assert.match(cursor, /^[A-Za-z0-9_-]+$/);
  assert.deepEqual(decodeCursor(cursor), { createdAt, id: 'abc' });
});

test('a tampered or empty cursor starts from the first page instead of failing', () => {
  assert.equal(decodeCursor('not-a-cursor'), null);
  assert.equal(decodeCursor(''), null);
  assert.equal(decodeCursor(undefined), null);
});

test('toPage keeps the extra row only as the next cursor', () => {
  const rows = [1, 2, 3].map((i) => ({ id: String(i), createdAt: new Date(i * 1000) }));
  const page = toPage(rows, 2);
  assert.equal(page.items.length, 2);
  assert.deepEqual(decodeCursor(page.nextCursor), { id: '2', createdAt: new Date(2000) });
  assert.equal(toPage(rows, 3).nextCursor, null);
});
