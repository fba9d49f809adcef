import type { ReactNode } from 'react';

/**
 * A list that is a table from md up and a stack of cards on a phone, with one `tr` per item
 * in the DOM (tests and dialogs find exactly one element per item). `page` frames it as a
 * page list; `inset` sits inside a card.
 */
export function StackedTable({
  head,
  testId,
  bodyTestId,
  variant = 'page',
  children,
}: {
  head: ReactNode[];
  testId?: string;
  bodyTestId?: string;
  variant?: 'page' | 'inset';
  children: ReactNode;
}) {
  const wrap =
    variant === 'page'
      ? 'md:overflow-x-auto md:rounded-xl md:border md:border-slate-200 md:bg-white md:dark:border-slate-800 md:dark:bg-slate-900'
      : 'md:overflow-x-auto md:rounded-lg md:border md:border-slate-200 md:dark:border-slate-800';
  return (
    <div className={wrap}>
      <table
        className="block w-full text-sm md:table md:min-w-full md:divide-y md:divide-slate-200 md:dark:divide-slate-800"
        data-testid={testId}
      >
        <thead className="hidden bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500 md:table-header-group dark:bg-slate-950">
          <tr>
            {head.map((h, i) => (
              <th key={i} className="whitespace-nowrap px-3 py-2 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody
          className="block space-y-2 md:table-row-group md:space-y-0 md:divide-y md:divide-slate-100 md:dark:divide-slate-800"
          data-testid={bodyTestId}
        >
          {children}
        </tbody>
      </table>
    </div>
  );
}

/** The row classes: a card on a phone, a table row from md up. */
export const STACKED_ROW = {
  page: 'grid grid-cols-2 gap-x-3 gap-y-2 rounded-xl border border-slate-200 bg-white p-4 shadow-sm md:table-row md:rounded-none md:border-0 md:bg-transparent md:p-0 md:shadow-none dark:border-slate-800 dark:bg-slate-900 md:dark:bg-transparent',
  inset:
    'grid grid-cols-2 gap-x-3 gap-y-2 rounded-lg border border-slate-200 p-3 md:table-row md:rounded-none md:border-0 md:p-0 dark:border-slate-800',
} as const;

/** A cell that, on a phone, is a labelled line of its card. */
export function StackedCell({
  label,
  className = '',
  children,
}: {
  label?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <td className={`block min-w-0 md:table-cell md:px-3 md:py-2 md:align-top ${className}`}>
      {label && <span className="block text-xs font-normal text-slate-500 md:hidden">{label}</span>}
      {children}
    </td>
  );
}
