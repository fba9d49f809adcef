import { getTranslations } from 'next-intl/server';
import { Badge } from '@/components/ui/card';
import type { SubscriptionStatus } from '@/lib/customers/constants';

const STATUS_COLOR = {
  pending: 'blue',
  active: 'green',
  isolated: 'amber',
  suspended: 'slate',
  terminated: 'red',
} as const;

export async function StatusBadge({ status }: { status: SubscriptionStatus }) {
  const t = await getTranslations('statuses');
  return <Badge color={STATUS_COLOR[status]}>{t(status)}</Badge>;
}
