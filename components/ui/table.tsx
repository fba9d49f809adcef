import Link from 'next/link';
import type { ReactNode } from 'react';
import { buttonClass } from './button';

/** Pins a table's first column while the rest scrolls sideways (e.g. the month in a table of figures). */
const stickyFirstColumnClass =
  '[&_tr>*:first-child]:sticky [&_tr>*:first-child]:left-0 [&_tr>*:first-child]:z-10 [&_tr>*:first-child]:shadow-[inset_-1px_0_0_rgb(226_232_240)] [&_tbody_tr>*:first-child]:bg-white dark:[&_tbody_tr>*:first-child]:bg-slate-900 dark:[&_tr>*:first-child]:shadow-[inset_-1px_0_0_rgb(30_41_59)]';

/**
 * A list table that scrolls sideways on a narrow phone instead of squashing its columns.
 * `stickyFirstColumn` holds the first column in place while scrolling, so every figure
 * stays readable next to what it belongs to.
 */
export function Table({
  head,
  children,
  testId,
  stickyFirstColumn = false,
}: {
  head: ReactNode[];
  children: ReactNode;
  testId?: string;
  stickyFirstColumn?: boolean;
}) {
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <table
        className={`min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800${stickyFirstColumn ? ` ${stickyFirstColumnClass}` : ''}`}
        data-testid={testId}
      >
        <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500 dark:bg-slate-950">
          <tr>
            {head.map((h, i) => (
              <th
                key={i}
                className={`whitespace-nowrap px-3 py-2 font-medium${stickyFirstColumn ? ' bg-slate-50 dark:bg-slate-950' : ''}`}
              >
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

export function Td({ children, className = '' }: { children: ReactNode; className?: string }) {
  return <td className={`px-3 py-2 align-top ${className}`}>{children}</td>;
}

/** Keyset pagination: "next" carries the cursor; the other search params are kept. */
export function Pager({
  basePath,
  params,
  nextCursor,
  labels,
}: {
  basePath: string;
  params: Record<string, string | undefined>;
  nextCursor: string | null;
  labels: { next: string; first: string };
}) {
  const href = (cursor?: string) => {
    const sp = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v && k !== 'cursor') sp.set(k, v);
    if (cursor) sp.set('cursor', cursor);
    const qs = sp.toString();
    return qs ? `${basePath}?${qs}` : basePath;
  };
  if (!nextCursor && !params.cursor) return null;
  return (
    <nav className="mt-3 flex justify-end gap-2">
      {params.cursor && (
        <Link className={buttonClass('secondary')} href={href()}>
          {labels.first}
        </Link>
      )}
      {nextCursor && (
        <Link className={buttonClass('secondary')} href={href(nextCursor)} data-testid="next-page">
          {labels.next}
        </Link>
      )}
    </nav>
  );
}

/** Numbered pages (for lists that count their rows): previous / "page x of y" / next. */
export function PagePager({
  basePath,
  params,
  page,
  pageSize,
  total,
  labels,
}: {
  basePath: string;
  params: Record<string, string | undefined>;
  page: number;
  pageSize: number;
  total: number;
  labels: { previous: string; next: string; pageOf: string };
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1 && page <= 1) return null;
  const href = (n: number) => {
    const sp = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined && k !== 'page') sp.set(k, v);
    if (n > 1) sp.set('page', String(n));
    const qs = sp.toString();
    return qs ? `${basePath}?${qs}` : basePath;
  };
  return (
    <nav className="mt-3 flex items-center justify-end gap-2" aria-label={labels.pageOf}>
      {page > 1 && (
        <Link className={buttonClass('secondary')} href={href(Math.min(page - 1, pages))} data-testid="prev-page">
          {labels.previous}
        </Link>
      )}
      <span className="text-sm text-slate-600 dark:text-slate-400">{labels.pageOf}</span>
      {page < pages && (
        <Link className={buttonClass('secondary')} href={href(page + 1)} data-testid="next-page">
          {labels.next}
        </Link>
      )}
    </nav>
  );
}
