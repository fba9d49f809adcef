import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/card';
import type { StockCountStatus } from '@/db/enums';

const COLORS = {
  counting: 'blue',
  submitted: 'amber',
  approved: 'green',
  rejected: 'red',
  cancelled: 'slate',
} as const;

export function CountStatusBadge({ status }: { status: StockCountStatus }) {
  const t = useTranslations('inventoryCounts.statuses');
  return (
    <span data-testid="count-status">
      <Badge color={COLORS[status]}>{t(status)}</Badge>
    </span>
  );
}
