import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { StatTile } from '@/components/charts/stat-tile';
import { Card } from '@/components/ui/card';
import { formatDateTime } from '@/lib/format';
import type { Locale } from '@/lib/i18n/config';
import { formatTicketNumber } from '@/lib/tickets/number';
import type { TicketCounts } from '@/lib/tickets/queries';

/** The helpdesk's figures on the NOC and CS start pages, each a link to the filtered ticket list. */
export async function TicketTiles({ c }: { c: TicketCounts }) {
  const t = await getTranslations('dashboard.tickets');
  return (
    <>
      <StatTile label={t('active')} value={c.active} href="/tickets?status=active" testId="stat-tickets-active" />
      <StatTile
        label={t('breached')}
        value={c.breached}
        hint={t('dueSoon', { count: c.dueSoon })}
        href="/tickets?status=active&sla=breached"
        tone={c.breached ? 'red' : c.dueSoon ? 'amber' : undefined}
        testId="stat-tickets-breached"
      />
      <StatTile
        label={t('unassigned')}
        value={c.unassigned}
        href="/tickets?status=active&assignee=none"
        tone={c.unassigned ? 'amber' : undefined}
        testId="stat-tickets-unassigned"
      />
    </>
  );
}

/** Tickets the SLA pass escalated (the NOC lead also got them by WhatsApp). */
export async function EscalatedTickets({ c, locale, timeZone }: { c: TicketCounts; locale: Locale; timeZone: string }) {
  if (c.escalated.length === 0) return null;
  const t = await getTranslations('dashboard.tickets');
  return (
    <Card className="space-y-2 border-red-200 dark:border-red-900">
      <h2 className="font-semibold text-red-800 dark:text-red-300" data-testid="dashboard-escalated">
        {t('escalatedTitle')}
      </h2>
      <ul className="divide-y divide-slate-100 text-sm dark:divide-slate-800">
        {c.escalated.map((e) => (
          <li key={e.id}>
            <Link href={`/tickets/${e.id}`} className="flex min-h-11 flex-wrap items-center gap-x-2 underline">
              <span className="font-medium">{formatTicketNumber(e.number)}</span>
              <span className="min-w-0 break-words">{e.subject}</span>
              <span className="text-xs text-slate-500">{formatDateTime(e.escalatedAt, locale, timeZone)}</span>
            </Link>
          </li>
        ))}
      </ul>
      <Link href="/tickets?status=active&sla=breached" className="inline-flex min-h-11 items-center text-sm underline">
        {t('allBreached')}
      </Link>
    </Card>
  );
}
