import { getTranslations } from 'next-intl/server';
import { Card, PageHeader } from '@/components/ui/card';
import { SearchForm, searchParam } from '@/components/ui/search-form';
import { requirePage } from '@/lib/auth/context';
import { ticketCustomerChoicesOp } from '@/lib/tickets/operations';
import { customerChoicesSchema } from '@/lib/tickets/schemas';
import { NewTicketForm } from './ticket-form';

/**
 * A ticket taken by staff (counter, phone call, a WhatsApp chat): find the customer first
 * (a GET search, so it works without script), or leave the customer out and note who called.
 */
export default async function NewTicketPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { read } = await requirePage('tickets.manage');
  const sp = await searchParams;
  const t = await getTranslations();
  const f = customerChoicesSchema.parse({ q: searchParam(sp.q), customerId: sp.customerId });
  const choices = await read(ticketCustomerChoicesOp, f);
  return (
    <div className="max-w-2xl space-y-4">
      <PageHeader title={t('tickets.new')} subtitle={t('tickets.newSubtitle')} />
      <Card className="space-y-2">
        <h2 className="font-semibold">{t('tickets.findCustomer')}</h2>
        <SearchForm q={sp.q} placeholder={t('tickets.customerSearchPlaceholder')} submitLabel={t('common.search')} />
        {f.q && choices.length === 0 && (
          <p className="text-sm text-slate-500" data-testid="no-customer-found">
            {t('tickets.noCustomerFound')}
          </p>
        )}
      </Card>
      <NewTicketForm
        choices={choices}
        preselected={f.customerId ?? (choices.length === 1 ? choices[0]!.id : undefined)}
      />
    </div>
  );
}
