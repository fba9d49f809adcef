import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/card';
import type { GatewayTxStatus } from '@/db/schema';

// A payment held for review needs someone's attention: it stands out in red.
const COLOR = {
  pending: 'blue',
  paid: 'green',
  review: 'red',
  failed: 'amber',
  expired: 'slate',
  refunded: 'slate',
} as const;

export function TransactionStatusBadge({ status }: { status: GatewayTxStatus }) {
  const t = useTranslations('payments.statuses');
  return <Badge color={COLOR[status]}>{t(status)}</Badge>;
}
