import assert from 'node:assert/strict';
import { test } from 'node:test';
import { changedLines, diffExports } from './diff';

const header = (date: string) => `# ${date} by RouterOS 7.16\n# software id = AAAA-BBBB\n`;
const body = (n: number, changed?: Record<number, string>) =>
  Array.from({ length: n }, (_, i) => changed?.[i] ?? `add name=item${i}`).join('\n');

test('one changed line in the middle: one hunk with context, the rest folded', () => {
  const a = `${header('2026-12-07 18:00:00')}${body(40)}\n`;
  const b = `${header('2026-12-08 18:00:00')}${body(40, { 20: 'add name=item20 disabled=yes' })}\n`;
  const d = diffExports(a, b);
  assert.equal(d.tooLarge, false);
  assert.deepEqual([d.added, d.removed], [1, 1]);
  assert.equal(d.hunks.length, 1);
  const h = d.hunks[0]!;
  assert.deepEqual(
    h.lines.map((l) => l.kind),
    ['same', 'same', 'same', 'remove', 'add', 'same', 'same', 'same'],
  );
  const removed = h.lines.find((l) => l.kind === 'remove')!;
  const added = h.lines.find((l) => l.kind === 'add')!;
  assert.deepEqual([removed.text, removed.oldNo, removed.newNo], ['add name=item20', 21, null]);
  assert.deepEqual([added.text, added.oldNo, added.newNo], ['add name=item20 disabled=yes', null, 21]);
  // 17 lines before the hunk's context, 16 after it: folded, not listed.
  assert.equal(h.foldedBefore, 17);
  assert.equal(d.foldedAfter, 16);
  assert.deepEqual(changedLines(a, b), { added: 1, removed: 1 });
});

test('only the date line differs: no change at all', () => {
  const a = `${header('2026-12-07 18:00:00')}${body(5)}\n`;
  const b = `${header('2026-12-09 01:00:00')}${body(5)}\n`;
  const d = diffExports(a, b);
  assert.deepEqual([d.added, d.removed, d.hunks.length, d.foldedAfter], [0, 0, 0, 5]);
});

test('lines added at the end and a first version against nothing', () => {
  const a = `${header('x')}${body(10)}\n`;
  const b = `${header('y')}${body(10)}\n/ip dns\nset servers=1.1.1.1\n`;
  const d = diffExports(a, b);
  assert.deepEqual([d.added, d.removed], [2, 0]);
  assert.equal(d.hunks[0]!.foldedBefore, 7);
  assert.equal(d.foldedAfter, 0);
  const fresh = diffExports('', b);
  assert.deepEqual([fresh.added, fresh.removed, fresh.hunks[0]!.foldedBefore], [12, 0, 0]);
  assert.equal(fresh.hunks[0]!.lines[0]!.newNo, 1);
});

test('a long export with one change far in: the shared lines set aside, the numbers still the whole file', () => {
  const a = `${header('x')}${body(50_000)}\n`;
  const b = `${header('y')}${body(50_000, { 40000: 'add name=item40000 disabled=yes' })}\n`;
  const d = diffExports(a, b);
  assert.deepEqual([d.added, d.removed, d.hunks.length], [1, 1, 1]);
  const h = d.hunks[0]!;
  assert.equal(h.foldedBefore, 39_997);
  assert.deepEqual(
    h.lines.map((l) => [l.kind, l.oldNo, l.newNo]),
    [
      ['same', 39_998, 39_998],
      ['same', 39_999, 39_999],
      ['same', 40_000, 40_000],
      ['remove', 40_001, null],
      ['add', null, 40_001],
      ['same', 40_002, 40_002],
      ['same', 40_003, 40_003],
      ['same', 40_004, 40_004],
    ],
  );
  assert.equal(d.foldedAfter, 9_996);
});

test('more changed lines than a person reads is "too large" at once, not minutes of diffing', () => {
  const a = `${header('x')}${body(12_000)}\n`;
  const b = `${header('y')}${Array.from({ length: 12_000 }, (_, i) => `add name=other${i}`).join('\n')}\n`;
  const started = Date.now();
  assert.equal(diffExports(a, b).tooLarge, true);
  assert.ok(Date.now() - started < 1_000, `took ${Date.now() - started} ms`);
  assert.equal(changedLines(a, b), null);
});
