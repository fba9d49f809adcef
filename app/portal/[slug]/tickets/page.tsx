import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';
import { Badge, EmptyState } from '@/components/ui/card';
import { formatDateTime } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { executePortalOperation } from '@/lib/portal/operation';
import { requirePortal } from '@/lib/portal/request';
import { PORTAL_TICKETS_PAGE } from '@/lib/portal/support';
import { portalTicketsOp } from '@/lib/portal/support-operations';

const STATUS_COLOR = {
  open: 'blue',
  in_progress: 'amber',
  waiting: 'amber',
  resolved: 'green',
  closed: 'slate',
} as const;

/** The visitor's reports with their status, and the way to report a new problem. */
export default async function PortalTicketsPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ page?: string }>;
}) {
  const { slug } = await params;
  const { org, ctx } = await requirePortal(slug);
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const list = await executePortalOperation(portalTicketsOp, ctx, { page: (await searchParams).page });
  if (!list.ok) notFound();
  const shown = Math.ceil(list.data.items.length / PORTAL_TICKETS_PAGE) || 1;
  const report = (
    <Link
      href={`/portal/${org.slug}/tickets/new`}
      className={buttonClass('primary', 'w-full sm:w-auto')}
      data-testid="portal-report"
    >
      {t('portalSupport.tickets.report')}
    </Link>
  );
  return (
    <div className="space-y-4" data-testid="portal-tickets">
      <h1 className="text-xl font-semibold">{t('portalSupport.tickets.title')}</h1>
      {list.data.items.length === 0 ? (
        <EmptyState
          title={t('portalSupport.tickets.empty')}
          hint={t('portalSupport.tickets.emptyHint')}
          action={report}
        />
      ) : (
        <>
          {report}
          <ul className="space-y-3">
            {list.data.items.map((ticket) => (
              <li key={ticket.id}>
                <Link
                  href={`/portal/${org.slug}/tickets/${ticket.id}`}
                  className="block min-h-11 space-y-1 rounded-xl border border-slate-200 bg-white p-4 shadow-sm hover:bg-slate-50 dark:border-slate-800 dark:bg-slate-900 dark:hover:bg-slate-800"
                  data-testid="portal-ticket"
                >
                  <div className="flex flex-wrap items-start justify-between gap-2">
                    <span className="font-medium">
                      {ticket.number} · {t(`tickets.categories.${ticket.category}`)}
                    </span>
                    <Badge color={STATUS_COLOR[ticket.status]}>{t(`tickets.statuses.${ticket.status}`)}</Badge>
                  </div>
                  <p className="text-sm text-slate-600 dark:text-slate-400">
                    {t('portalSupport.tickets.openedAt', {
                      date: formatDateTime(ticket.createdAt, locale, org.timezone),
                    })}
                  </p>
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
      {list.data.more && (
        <Link
          href={`/portal/${org.slug}/tickets?page=${shown + 1}`}
          scroll={false}
          className={buttonClass('secondary', 'w-full')}
        >
          {t('portalSupport.loadMore')}
        </Link>
      )}
    </div>
  );
}
