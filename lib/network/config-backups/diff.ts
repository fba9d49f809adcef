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
// A pathological pair (two unrelated 50,000-line configs) must not hold a request or a job.
const DIFF_TIMEOUT_MS = 2_000;

function lineCount(text: string) {
  if (text === '') return 0;
  return text.endsWith('\n') ? text.split('\n').length - 1 : text.split('\n').length;
}

export function diffExports(oldRaw: string, newRaw: string): ConfigDiff {
  const a = normaliseExport(oldRaw);
  const b = normaliseExport(newRaw);
  const patch = structuredPatch('a.rsc', 'b.rsc', a, b, undefined, undefined, {
    context: CONTEXT,
    timeout: DIFF_TIMEOUT_MS,
  });
  if (!patch) return { added: 0, removed: 0, hunks: [], foldedAfter: 0, tooLarge: true };
  let added = 0;
  let removed = 0;
  let oldSeen = 0;
  const hunks: DiffHunk[] = patch.hunks.map((h) => {
    // jsdiff numbers an empty side by the line it comes before (GNU diff: the line after).
    let oldNo = h.oldStart;
    let newNo = h.newStart;
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
  return { added, removed, hunks, foldedAfter: Math.max(0, lineCount(a) - oldSeen), tooLarge: false };
}

/** Lines added and removed between two exports (the versions list's "changed lines"). */
export function changedLines(oldRaw: string, newRaw: string): { added: number; removed: number } | null {
  const d = diffExports(oldRaw, newRaw);
  return d.tooLarge ? null : { added: d.added, removed: d.removed };
}
