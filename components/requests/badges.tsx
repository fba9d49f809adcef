import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/card';
import type { ServiceRequestStatus } from '@/db/enums';

const COLOR = { pending: 'amber', approved: 'green', rejected: 'red', cancelled: 'slate' } as const;

/** A request's status as a coloured word (staff list, request page, the customer's portal). */
export function RequestStatusBadge({ status }: { status: ServiceRequestStatus }) {
  const t = useTranslations('requests.statuses');
  return (
    <span data-testid="request-status" data-status={status}>
      <Badge color={COLOR[status]}>{t(status)}</Badge>
    </span>
  );
}
