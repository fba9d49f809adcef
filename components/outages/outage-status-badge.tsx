import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/card';
import type { OutageStatus } from '@/db/enums';

const COLORS: Record<OutageStatus, 'red' | 'amber' | 'green' | 'slate'> = {
  proposed: 'amber',
  open: 'red',
  resolved: 'green',
  dismissed: 'slate',
};

export function OutageStatusBadge({ status }: { status: OutageStatus }) {
  const t = useTranslations('outages.statuses');
  return (
    <span data-testid="outage-status" data-status={status}>
      <Badge color={COLORS[status]}>{t(status)}</Badge>
    </span>
  );
}
