import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { TicketMessageForm, TicketRatingForm } from '@/components/portal/ticket-forms';
import { buttonClass } from '@/components/ui/button';
import { Alert, Badge } from '@/components/ui/card';
import { formatDateTime } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { executePortalOperation } from '@/lib/portal/operation';
import { requirePortal } from '@/lib/portal/request';
import { portalTicketOp } from '@/lib/portal/support-operations';

/** One of the visitor's reports: what they wrote, staff's replies (never internal notes), photos, reply and rating. */
export default async function PortalTicketPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string; id: string }>;
  searchParams: Promise<{ sent?: string }>;
}) {
  const { slug, id } = await params;
  const { org, ctx } = await requirePortal(slug);
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const result = await executePortalOperation(portalTicketOp, ctx, { ticketId: id });
  if (!result.ok) notFound();
  const ticket = result.data;
  const sent = (await searchParams).sent === '1';
  return (
    <div className="space-y-4" data-testid="portal-ticket-page">
      {sent && <Alert kind="success">{t('portalSupport.tickets.sent', { number: ticket.number })}</Alert>}
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h1 className="text-xl font-semibold">
          {ticket.number} · {t(`tickets.categories.${ticket.category}`)}
        </h1>
        <Badge color={ticket.status === 'resolved' || ticket.status === 'closed' ? 'green' : 'amber'}>
          <span data-testid="portal-ticket-status">{t(`tickets.statuses.${ticket.status}`)}</span>
        </Badge>
      </div>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {t('portalSupport.tickets.openedAt', { date: formatDateTime(ticket.createdAt, locale, org.timezone) })}
      </p>
      {ticket.description && <p className="whitespace-pre-line break-words">{ticket.description}</p>}
      {ticket.photos.length > 0 && (
        <div className="flex flex-wrap gap-2" data-testid="portal-ticket-photos">
          {ticket.photos.map((p) => (
            <a
              key={p.id}
              href={`/api/portal/${org.slug}/tickets/${ticket.id}/photos/${p.id}`}
              target="_blank"
              rel="noopener"
            >
              {/* biome-ignore lint/performance/noImgElement: a private, already small photo served by our own route */}
              <img
                src={`/api/portal/${org.slug}/tickets/${ticket.id}/photos/${p.id}`}
                alt={p.fileName}
                className="h-24 w-24 rounded-lg object-cover"
              />
            </a>
          ))}
        </div>
      )}
      <section className="space-y-2">
        <h2 className="font-semibold">{t('portalSupport.tickets.conversation')}</h2>
        {ticket.messages.length === 0 ? (
          <p className="text-sm text-slate-500">{t('portalSupport.tickets.noMessages')}</p>
        ) : (
          <ul className="space-y-2" data-testid="portal-ticket-messages">
            {ticket.messages.map((m) => (
              <li
                key={m.id}
                className={`rounded-xl p-3 text-sm ${m.kind === 'customer' ? 'ml-6 bg-brand-50 dark:bg-brand-900/30' : 'mr-6 bg-slate-100 dark:bg-slate-800'}`}
                data-kind={m.kind}
              >
                <p className="mb-1 text-xs text-slate-500">
                  {m.kind === 'customer' ? t('portalSupport.tickets.you') : t('portalSupport.tickets.staff')} ·{' '}
                  {formatDateTime(m.at, locale, org.timezone)}
                </p>
                <p className="whitespace-pre-line break-words">{m.body}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
      {ticket.rating !== null && (
        <Alert kind="success">{t('portalSupport.tickets.rated', { rating: ticket.rating })}</Alert>
      )}
      {ticket.canRate && <TicketRatingForm slug={org.slug} ticketId={ticket.id} />}
      {ticket.canReply ? (
        <TicketMessageForm slug={org.slug} ticketId={ticket.id} />
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">{t('portalSupport.tickets.closedNote')}</p>
      )}
      <Link href={`/portal/${org.slug}/tickets`} className={buttonClass('ghost', 'w-full')}>
        {t('portalSupport.back')}
      </Link>
    </div>
  );
}
