import { getTranslations } from 'next-intl/server';
import { Badge, Card } from '@/components/ui/card';
import { formatDateTime } from '@/lib/format';
import type { Locale } from '@/lib/i18n/config';
import type { TicketDetail } from '@/lib/tickets/queries';

const KIND_STYLE = {
  note: 'border-amber-200 bg-amber-50 dark:border-amber-900 dark:bg-amber-950/40',
  reply: 'border-sky-200 bg-sky-50 dark:border-sky-900 dark:bg-sky-950/40',
  customer: 'border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900',
  event: '',
} as const;

/** The conversation: notes (staff only), replies (sent by WhatsApp), the customer's words, and events as sentences. */
export async function Conversation({
  items,
  members,
  locale,
  timezone,
}: {
  items: TicketDetail['conversation'];
  members: TicketDetail['members'];
  locale: Locale;
  timezone: string;
}) {
  const t = await getTranslations('tickets');
  const nameOf = (id: string | undefined) => members.find((m) => m.id === id)?.name ?? t('formerMember');
  const sentence = (e: NonNullable<TicketDetail['conversation'][number]['event']>) => {
    const v = e.values ?? {};
    switch (e.code) {
      case 'status':
      case 'reopened':
        return t(`events.${e.code}`, {
          from: t(`statuses.${String(v.from)}`),
          to: t(`statuses.${String(v.to)}`),
        });
      case 'assigned':
        return v.assignee || v.team
          ? t('events.assigned', {
              who: [v.assignee ? nameOf(String(v.assignee)) : null, v.team ? t(`teams.${String(v.team)}`) : null]
                .filter(Boolean)
                .join(' · '),
            })
          : t('events.unassigned');
      case 'priority':
        return t('events.priority', { from: t(`priorities.${String(v.from)}`), to: t(`priorities.${String(v.to)}`) });
      case 'escalated':
        return t('events.escalated', {
          target: t(`sla.${v.target === 'first_response' ? 'firstResponse' : 'resolution'}`),
        });
      case 'opened':
        return t('events.opened', { source: t(`sources.${String(v.source ?? 'staff')}`) });
      default:
        return t('events.other');
    }
  };
  return (
    <Card className="space-y-3">
      <h2 className="font-semibold">{t('conversation')}</h2>
      <ol className="space-y-2" data-testid="conversation">
        {items.map((m) =>
          m.kind === 'event' ? (
            <li key={m.id} className="text-xs text-slate-500" data-testid="ticket-event">
              {formatDateTime(m.createdAt, locale, timezone)} · {m.event ? sentence(m.event) : ''}
              {m.authorName && ` · ${m.authorName}`}
            </li>
          ) : (
            <li
              key={m.id}
              className={`rounded-lg border p-3 ${KIND_STYLE[m.kind]}`}
              data-testid="ticket-message"
              data-kind={m.kind}
            >
              <div className="mb-1 flex flex-wrap items-center gap-2 text-xs text-slate-500">
                <Badge color={m.kind === 'note' ? 'amber' : m.kind === 'reply' ? 'blue' : 'slate'}>
                  {t(`messageKinds.${m.kind}`)}
                </Badge>
                <span>{m.kind === 'customer' ? t('fromCustomer') : (m.authorName ?? '')}</span>
                <span>{formatDateTime(m.createdAt, locale, timezone)}</span>
                {m.kind === 'reply' && (
                  <span data-testid="delivery">{m.delivery ? t(`delivery.${m.delivery}`) : t('delivery.none')}</span>
                )}
              </div>
              <p className="whitespace-pre-line break-words text-sm">{m.body}</p>
            </li>
          ),
        )}
      </ol>
    </Card>
  );
}
