import Link from 'next/link';
import type { ReactNode } from 'react';

/**
 * One figure of a dashboard: a label, the number, a line of context; the whole tile links
 * to the filtered list behind the number (≥ 44 px tall, one tap on a phone).
 */
export function StatTile({
  label,
  value,
  hint,
  href,
  tone,
  testId,
}: {
  label: string;
  value: ReactNode;
  hint?: ReactNode;
  href?: string | null;
  tone?: 'red' | 'green' | 'amber';
  testId?: string;
}) {
  const toneClass =
    tone === 'red'
      ? 'text-red-700 dark:text-red-400'
      : tone === 'green'
        ? 'text-emerald-700 dark:text-emerald-400'
        : tone === 'amber'
          ? 'text-amber-700 dark:text-amber-400'
          : '';
  const body = (
    <>
      <p className="text-sm text-slate-500">{label}</p>
      <p className={`mt-1 break-words text-lg font-semibold sm:text-2xl ${toneClass}`}>{value}</p>
      {hint && <p className="mt-0.5 text-xs text-slate-500">{hint}</p>}
    </>
  );
  const box =
    'block min-h-11 min-w-0 rounded-xl border border-slate-200 bg-white p-3 shadow-sm sm:p-4 dark:border-slate-800 dark:bg-slate-900';
  return href ? (
    <Link href={href} className={`${box} hover:border-blue-400 focus-visible:border-blue-500`} data-testid={testId}>
      {body}
    </Link>
  ) : (
    <div className={box} data-testid={testId}>
      {body}
    </div>
  );
}
