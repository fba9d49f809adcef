import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { Badge, Card, PageHeader } from '@/components/ui/card';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { formatDateTime } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { conversationOfTicketOp } from '@/lib/inbox/operations';
import { formatTicketNumber } from '@/lib/tickets/number';
import { getTicketOp } from '@/lib/tickets/operations';
import { clockRuns, isActive } from '@/lib/tickets/status';
import { PriorityBadge, SlaTimer, StatusBadge } from '../_components/badges';
import { Attachments } from './attachments';
import { Conversation } from './conversation';
import { AssignForm, RepairWorkOrderButton, ReplyForm, StatusButtons, UpdateForm } from './ticket-actions';

export default async function TicketPage({ params }: { params: Promise<{ id: string }> }) {
  const { ctx, read } = await requirePage('tickets.view');
  const { id } = await params;
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const d = await read(getTicketOp, { ticketId: id });
  const { ticket } = d;
  const manage = can(ctx.role, 'tickets.manage');
  // The WhatsApp conversation this ticket was opened from or linked to, for those who read the inbox.
  const conversation = can(ctx.role, 'inbox.view') ? await read(conversationOfTicketOp, { ticketId: id }) : null;
  const now = new Date();
  const active = isActive(ticket.status);
  const when = (v: Date | null) => (v ? formatDateTime(v, locale, d.timezone) : '—');
  const rows: [string, React.ReactNode][] = [
    [
      t('tickets.customer'),
      d.customer ? (
        <Link key="customer" href={`/customers/${d.customer.id}`} className="underline">
          {d.customer.name} ({d.customer.number})
        </Link>
      ) : (
        [ticket.reporterName, ticket.reporterPhone].filter(Boolean).join(' · ') || '—'
      ),
    ],
    [t('tickets.service'), d.serviceUsername ?? '—'],
    [t('tickets.category'), t(`tickets.categories.${ticket.category}`)],
    [t('tickets.source'), t(`tickets.sources.${ticket.source}`)],
    ...(conversation
      ? ([
          [
            t('tickets.conversation'),
            <Link key="conversation" href={`/inbox/${conversation.id}`} className="underline">
              {t('tickets.openConversation')}
            </Link>,
          ],
        ] as [string, React.ReactNode][])
      : []),
    [
      t('tickets.assignee'),
      [d.assigneeName, ticket.team ? t(`tickets.teams.${ticket.team}`) : null].filter(Boolean).join(' · ') ||
        t('tickets.unassigned'),
    ],
    [t('common.createdAt'), when(ticket.createdAt)],
  ];
  return (
    <div className="max-w-3xl space-y-4">
      <PageHeader
        title={`${formatTicketNumber(ticket.number)} · ${ticket.subject}`}
        actions={
          <span className="flex flex-wrap gap-1" data-testid="ticket-status" data-status={ticket.status}>
            <StatusBadge status={ticket.status} />
            <PriorityBadge priority={ticket.priority} />
            {ticket.kind === 'incident' && <Badge color="red">{t('tickets.incident')}</Badge>}
          </span>
        }
      />
      <Card className="space-y-3">
        {ticket.description && <p className="whitespace-pre-line break-words">{ticket.description}</p>}
        <dl className="grid gap-2 text-sm sm:grid-cols-[10rem_1fr]">
          {rows.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-slate-500">{k}</dt>
              <dd className="break-words">{v}</dd>
            </div>
          ))}
          {d.outage && (
            <>
              <dt className="text-slate-500">{t('tickets.outage')}</dt>
              <dd>
                <Link href={`/outages/${d.outage.id}`} className="underline">
                  {d.outage.label}
                </Link>
              </dd>
            </>
          )}
          {ticket.rating !== null && (
            <>
              <dt className="text-slate-500">{t('tickets.rating')}</dt>
              <dd data-testid="ticket-rating">
                {'★'.repeat(ticket.rating)}
                {'☆'.repeat(5 - ticket.rating)} {ticket.ratingComment && `— ${ticket.ratingComment}`}
              </dd>
            </>
          )}
        </dl>
        <div className="flex flex-col gap-1 border-t border-slate-100 pt-3 dark:border-slate-800">
          <SlaTimer
            label={t('tickets.sla.firstResponse')}
            dueAt={ticket.firstResponseDueAt}
            doneAt={ticket.firstRespondedAt}
            active={clockRuns(ticket.status)}
            now={now}
            testId="sla-first-response"
          />
          <SlaTimer
            label={t('tickets.sla.resolution')}
            dueAt={ticket.resolutionDueAt}
            doneAt={ticket.resolvedAt}
            active={clockRuns(ticket.status)}
            now={now}
            testId="sla-resolution"
          />
          <p className="text-xs text-slate-500">
            {t('tickets.sla.dueAt', {
              first: when(ticket.firstResponseDueAt),
              resolution: when(ticket.resolutionDueAt),
            })}
          </p>
          {ticket.escalatedAt && (
            <p className="text-xs text-red-700 dark:text-red-400">
              {t('tickets.escalatedAt', { time: when(ticket.escalatedAt) })}
            </p>
          )}
        </div>
        {manage && <StatusButtons ticketId={ticket.id} next={d.next} />}
        {active && can(ctx.role, 'workorders.manage') && ticket.kind === 'complaint' && (
          <RepairWorkOrderButton ticketId={ticket.id} />
        )}
      </Card>
      <Conversation items={d.conversation} members={d.members} locale={locale} timezone={d.timezone} />
      {manage && <ReplyForm ticketId={ticket.id} canReply={Boolean(d.customer?.phone || ticket.reporterPhone)} />}
      <Attachments ticketId={ticket.id} items={d.attachments} manage={manage} />
      {manage && (
        <Card className="space-y-4">
          <AssignForm
            ticketId={ticket.id}
            members={d.members}
            assigneeUserId={ticket.assigneeUserId}
            team={ticket.team}
          />
          <UpdateForm ticketId={ticket.id} priority={ticket.priority} category={ticket.category} />
        </Card>
      )}
    </div>
  );
}
