import { structuredPatch } from 'diff';
import { normaliseExport } from './export-text';

/**
 * A unified line diff of two exports, with the `diff` package (jsdiff: Myers' algorithm, the
 * hunks of `diff -u`). Both sides are normalised first, so the date line and the software id
 * never show as changes. Unchanged stretches between hunks are folded to a count; the page
 * shows "… 120 unchanged lines" there.
 */
export type DiffLine = { kind: 'add' | 'remove' | 'same'; text: string; oldNo: number | null; newNo: number | null };
export type DiffHunk = { foldedBefore: number; lines: DiffLine[] };
export type ConfigDiff = {
  added: number;
  removed: number;
  hunks: DiffHunk[];
  foldedAfter: number;
  /** The two differ too much to compare within the time allowed: download both instead. */
  tooLarge: boolean;
};

const CONTEXT = 3;
// The diff runs in the web request (the comparison page) and in the job, on the server's one
// thread: it must stay short whatever a router printed. Most runs change a few lines of a long
// export, so the lines both sides share at the start and the end are set aside first (a plain
// comparison, linear); Myers' algorithm only sees what lies between. When that is more than a
// person reads on a phone, or takes longer than the time limit (two unrelated configurations),
// the page says to download both instead.
const MAX_DIFF_LINES = 10_000;
const DIFF_TIMEOUT_MS = 1_000;

const TOO_LARGE: ConfigDiff = { added: 0, removed: 0, hunks: [], foldedAfter: 0, tooLarge: true };

/** A normalised export's lines (it ends with a newline, or is empty). */
const linesOf = (text: string) => (text === '' ? [] : text.replace(/\n$/, '').split('\n'));
const textOf = (lines: string[]) => (lines.length === 0 ? '' : `${lines.join('\n')}\n`);

export function diffExports(oldRaw: string, newRaw: string): ConfigDiff {
  const a = linesOf(normaliseExport(oldRaw));
  const b = linesOf(normaliseExport(newRaw));
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  // The shared lines next to the change stay in, as the hunks' context.
  const start = Math.max(0, head - CONTEXT);
  const keepTail = Math.max(0, tail - CONTEXT);
  const oldMiddle = a.slice(start, a.length - keepTail);
  const newMiddle = b.slice(start, b.length - keepTail);
  if (oldMiddle.length - CONTEXT * 2 > MAX_DIFF_LINES || newMiddle.length - CONTEXT * 2 > MAX_DIFF_LINES)
    return TOO_LARGE;
  const patch = structuredPatch('a.rsc', 'b.rsc', textOf(oldMiddle), textOf(newMiddle), undefined, undefined, {
    context: CONTEXT,
    timeout: DIFF_TIMEOUT_MS,
  });
  if (!patch) return TOO_LARGE;
  let added = 0;
  let removed = 0;
  let oldSeen = 0;
  const hunks: DiffHunk[] = patch.hunks.map((h) => {
    // jsdiff numbers an empty side by the line it comes before (GNU diff: the line after).
    // Its numbers count from the middle's first line: `start` lines were set aside before it.
    let oldNo = h.oldStart + start;
    let newNo = h.newStart + start;
    const foldedBefore = Math.max(0, oldNo - 1 - oldSeen);
    const lines: DiffLine[] = [];
    for (const line of h.lines) {
      const mark = line[0];
      const text = line.slice(1);
      if (mark === '+') {
        added += 1;
        lines.push({ kind: 'add', text, oldNo: null, newNo: newNo++ });
      } else if (mark === '-') {
        removed += 1;
        lines.push({ kind: 'remove', text, oldNo: oldNo++, newNo: null });
      } else if (mark === ' ') lines.push({ kind: 'same', text, oldNo: oldNo++, newNo: newNo++ });
      // `\ No newline at end of file` is about the file, not a line of configuration.
    }
    oldSeen = oldNo - 1;
    return { foldedBefore, lines };
  });
  return { added, removed, hunks, foldedAfter: Math.max(0, a.length - oldSeen), tooLarge: false };
}

/** Lines added and removed between two exports (the versions list's "changed lines"). */
export function changedLines(oldRaw: string, newRaw: string): { added: number; removed: number } | null {
  const d = diffExports(oldRaw, newRaw);
  return d.tooLarge ? null : { added: d.added, removed: d.removed };
}
