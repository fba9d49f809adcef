import { getTranslations } from 'next-intl/server';
import { Badge } from '@/components/ui/card';

const COLOR = { unpaid: 'amber', partial: 'blue', paid: 'green', carried: 'slate', void: 'red' } as const;

export async function InvoiceStatusBadge({ status }: { status: keyof typeof COLOR }) {
  const t = await getTranslations('invoiceStatuses');
  return <Badge color={COLOR[status]}>{t(status)}</Badge>;
}
