import type { ReactNode } from 'react';

/**
 * A table of numbers that scrolls sideways on a phone with its first column (the month)
 * held in place, so every figure stays readable next to what it belongs to.
 */
export function StickyTable({ head, children, testId }: { head: ReactNode[]; children: ReactNode; testId?: string }) {
  const first =
    '[&_tr>*:first-child]:sticky [&_tr>*:first-child]:left-0 [&_tr>*:first-child]:z-10 [&_tr>*:first-child]:shadow-[inset_-1px_0_0_rgb(226_232_240)] [&_tbody_tr>*:first-child]:bg-white dark:[&_tbody_tr>*:first-child]:bg-slate-900 dark:[&_tr>*:first-child]:shadow-[inset_-1px_0_0_rgb(30_41_59)]';
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <table className={`min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800 ${first}`} data-testid={testId}>
        <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500 dark:bg-slate-950">
          <tr>
            {head.map((h, i) => (
              <th key={i} className="whitespace-nowrap bg-slate-50 px-3 py-2 font-medium dark:bg-slate-950">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">{children}</tbody>
      </table>
    </div>
  );
}
