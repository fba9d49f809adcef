import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';

/** A tab row as links (≥ 44 px), the current one marked. */
export async function TabLinks({
  tabs,
  current,
}: {
  tabs: { key: string; label: string; href: string }[];
  current: string;
}) {
  const t = await getTranslations('inventoryReports');
  return (
    <nav className="mb-3 flex flex-wrap gap-2" aria-label={t('tabsLabel')}>
      {tabs.map((tab) => (
        <Link
          key={tab.key}
          href={tab.href}
          aria-current={tab.key === current ? 'page' : undefined}
          className={buttonClass(tab.key === current ? 'primary' : 'secondary', 'min-h-11')}
          data-testid={`tab-${tab.key}`}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}

/** CSV and Excel downloads of a report with the page's filters. */
export function DownloadLinks({
  report,
  params,
  labels,
}: {
  report: string;
  params: Record<string, string | undefined>;
  labels: { csv: string; xlsx: string };
}) {
  const href = (format: string) => {
    const sp = new URLSearchParams({ report, format });
    for (const [k, v] of Object.entries(params)) if (v && !['page', 'cursor', 'tab', 'view'].includes(k)) sp.set(k, v);
    return `/api/exports/inventory?${sp.toString()}`;
  };
  return (
    <div className="flex flex-wrap gap-2">
      <a href={href('csv')} className={buttonClass('secondary', 'min-h-11')} data-testid={`export-${report}-csv`}>
        {labels.csv}
      </a>
      <a href={href('xlsx')} className={buttonClass('secondary', 'min-h-11')}>
        {labels.xlsx}
      </a>
    </div>
  );
}

/** Previous / next for an offset-paged list. */
export function PageLinks({
  basePath,
  params,
  page,
  hasMore,
  labels,
}: {
  basePath: string;
  params: Record<string, string | undefined>;
  page: number;
  hasMore: boolean;
  labels: { previous: string; next: string };
}) {
  if (page <= 1 && !hasMore) return null;
  const href = (to: number) => {
    const sp = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v && k !== 'page') sp.set(k, v);
    if (to > 1) sp.set('page', String(to));
    const qs = sp.toString();
    return qs ? `${basePath}?${qs}` : basePath;
  };
  return (
    <nav className="mt-3 flex justify-end gap-2">
      {page > 1 && (
        <Link className={buttonClass('secondary', 'min-h-11')} href={href(page - 1)}>
          {labels.previous}
        </Link>
      )}
      {hasMore && (
        <Link className={buttonClass('secondary', 'min-h-11')} href={href(page + 1)} data-testid="next-page">
          {labels.next}
        </Link>
      )}
    </nav>
  );
}
