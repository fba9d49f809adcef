import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';
import { Badge } from '@/components/ui/card';
import type { PurchaseOrderStatus } from '@/db/enums';

const PO_COLORS: Record<PurchaseOrderStatus, 'slate' | 'blue' | 'amber' | 'green' | 'red'> = {
  draft: 'slate',
  ordered: 'blue',
  partial: 'amber',
  received: 'green',
  cancelled: 'red',
};

export function PoStatusBadge({ status, label }: { status: PurchaseOrderStatus; label: string }) {
  return (
    <span data-testid="po-status" data-status={status}>
      <Badge color={PO_COLORS[status]}>{label}</Badge>
    </span>
  );
}

/** Previous / next for the short lists paged by number (suppliers, locations). */
export function OffsetPager({
  basePath,
  params,
  page,
  hasNext,
  labels,
}: {
  basePath: string;
  params: Record<string, string | undefined>;
  page: number;
  hasNext: boolean;
  labels: { previous: string; next: string };
}) {
  if (page <= 1 && !hasNext) return null;
  const href = (n: number) => {
    const sp = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v && k !== 'page') sp.set(k, v);
    if (n > 1) sp.set('page', String(n));
    const qs = sp.toString();
    return qs ? `${basePath}?${qs}` : basePath;
  };
  return (
    <nav className="mt-3 flex justify-end gap-2">
      {page > 1 && (
        <Link className={buttonClass('secondary')} href={href(page - 1)}>
          {labels.previous}
        </Link>
      )}
      {hasNext && (
        <Link className={buttonClass('secondary')} href={href(page + 1)} data-testid="next-page">
          {labels.next}
        </Link>
      )}
    </nav>
  );
}

export const LINK =
  'inline-flex min-h-11 items-center break-words font-medium text-brand-700 underline dark:text-brand-500';
