import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditLogs, organizations } from '@/db/schema';
import { afterCursor, decodeCursor, encodeCursor, toPage } from './pagination';

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
  const b64 = (s: string) => Buffer.from(s).toString('base64url');
  // Dates JavaScript reads but Postgres cannot store.
  assert.equal(decodeCursor(b64('+275760-09-13T00:00:00.000Z|1')), null);
  assert.equal(decodeCursor(b64('-271821-04-20T00:00:00.000Z|1')), null);
});

test('a cursor whose id does not fit the id column adds no condition (the first page)', () => {
  const createdAt = new Date('2026-01-01T00:00:00Z');
  assert.equal(afterCursor(organizations.createdAt, organizations.id, { createdAt, id: 'not-a-uuid' }), undefined);
  assert.ok(
    afterCursor(organizations.createdAt, organizations.id, { createdAt, id: '0b7e1c1e-4c3b-4b9e-8d2a-6d3f1e2a9b10' }),
  );
  for (const id of [Number.NaN, 1e23, '1e+23', '12abc', -1])
    assert.equal(afterCursor(auditLogs.createdAt, auditLogs.id, { createdAt, id }), undefined, String(id));
  assert.ok(afterCursor(auditLogs.createdAt, auditLogs.id, { createdAt, id: 42 }));
});

test('toPage keeps the extra row only as the next cursor', () => {
  const rows = [1, 2, 3].map((i) => ({ id: String(i), createdAt: new Date(i * 1000) }));
  const page = toPage(rows, 2);
  assert.equal(page.items.length, 2);
  assert.deepEqual(decodeCursor(page.nextCursor), { id: '2', createdAt: new Date(2000) });
  assert.equal(toPage(rows, 3).nextCursor, null);
});
