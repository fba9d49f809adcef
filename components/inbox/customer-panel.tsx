import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';
import { Badge, Card } from '@/components/ui/card';
import { formatIDR } from '@/lib/format';
import type { Locale } from '@/lib/i18n/config';
import type { ConversationView } from '@/lib/inbox/queries';
import { formatTicketNumber } from '@/lib/tickets/number';

/** Who is writing: the customer's card (subscriptions, what they owe) or "not a customer", and the linked ticket. */
export async function CustomerPanel({
  d,
  canCreateLead,
}: {
  d: ConversationView;
  locale: Locale;
  canCreateLead: boolean;
}) {
  const t = await getTranslations();
  const c = d.customer;
  return (
    <div data-testid="customer-panel">
      <Card className="space-y-2">
        {c ? (
          <>
            <Link href={`/customers/${c.id}`} className="inline-flex min-h-11 items-center font-medium underline">
              {c.name} ({c.number})
            </Link>
            <ul className="space-y-1 text-sm">
              {c.subscriptions.map((s) => (
                <li key={s.id} className="flex flex-wrap items-center gap-2">
                  <span className="break-all">{s.username}</span>
                  <span className="text-slate-500">{s.planName}</span>
                  <Badge>{t(`statuses.${s.status}`)}</Badge>
                </li>
              ))}
            </ul>
            <p className="text-sm" data-testid="customer-unpaid">
              {t('inbox.unpaid')}:{' '}
              <span className={c.unpaid > 0 ? 'font-semibold text-red-700 dark:text-red-400' : ''}>
                {formatIDR(c.unpaid)}
              </span>
            </p>
          </>
        ) : (
          <div className="space-y-2">
            <p className="text-sm">{t('inbox.notCustomerHint')}</p>
            {canCreateLead && (
              <Link href="/leads/new" className={buttonClass('secondary')}>
                {t('inbox.createLead')}
              </Link>
            )}
          </div>
        )}
        {d.ticket && (
          <p className="text-sm" data-testid="linked-ticket">
            {t('inbox.ticket')}:{' '}
            <Link href={`/tickets/${d.ticket.id}`} className="underline">
              {formatTicketNumber(d.ticket.number)} · {d.ticket.subject}
            </Link>
          </p>
        )}
      </Card>
    </div>
  );
}
