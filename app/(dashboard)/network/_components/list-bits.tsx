import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { PagePager } from '@/components/ui/table';

/** "Add …" opens the form in place; it starts open on an empty list or after ?add=1. */
export function AddPanel({
  label,
  open,
  testId,
  children,
}: {
  label: string;
  open: boolean;
  testId: string;
  children: ReactNode;
}) {
  return (
    <details className="group" open={open}>
      <summary
        className="mb-3 inline-flex min-h-11 cursor-pointer list-none items-center rounded-lg bg-brand-600 px-4 text-sm font-medium text-white hover:bg-brand-700 [&::-webkit-details-marker]:hidden"
        data-testid={testId}
      >
        {label}
      </summary>
      <div className="mb-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900">
        {children}
      </div>
    </details>
  );
}

/** Previous/next under a list tab of /network, keeping its search and filter. */
export async function ListPager({
  params,
  list,
}: {
  params: Record<string, string | undefined>;
  list: { page: number; pageSize: number; total: number };
}) {
  const t = await getTranslations('common');
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  return (
    <PagePager
      basePath="/network"
      params={params}
      page={list.page}
      pageSize={list.pageSize}
      total={list.total}
      labels={{ previous: t('previous'), next: t('next'), pageOf: t('pageOf', { page: list.page, pages }) }}
    />
  );
}
