import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { RequestCancel } from '@/components/portal/request-cancel';
import { RequestForm } from '@/components/portal/request-form';
import { RequestStatusBadge } from '@/components/requests/badges';
import { Card } from '@/components/ui/card';
import { formatDate, formatDateTime } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { executePortalOperation } from '@/lib/portal/operation';
import { requirePortal } from '@/lib/portal/request';
import { portalRequestsOp } from '@/lib/requests/portal-operations';
import { PAUSE_MAX_DAYS, PAUSE_MIN_DAYS } from '@/lib/requests/schemas';
import { requestSummary } from '@/lib/requests/sheet';

export const dynamic = 'force-dynamic';

/** The customer's requests: ask for a change to a service, follow what was asked. */
export default async function PortalRequestsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { org, ctx } = await requirePortal(slug);
  const t = await getTranslations('requests');
  const locale = toLocale(await getLocale());
  const r = await executePortalOperation(portalRequestsOp, ctx, {});
  if (!r.ok) throw new Error(r.message);
  const d = r.data;
  return (
    <div className="space-y-4">
      <div>
        <Link
          href={`/portal/${org.slug}`}
          className="inline-flex min-h-11 items-center text-sm text-brand-700 underline"
        >
          {t('portal.back')}
        </Link>
        <h1 className="text-xl font-semibold">{t('portal.title')}</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">{t('portal.intro')}</p>
      </div>
      <Card>
        {d.subscriptions.length === 0 ? (
          <p data-testid="no-subscriptions">{t('portal.noSubscriptions')}</p>
        ) : (
          <RequestForm
            slug={org.slug}
            subscriptions={d.subscriptions}
            plans={d.plans}
            today={d.today}
            maxDay={d.maxDay}
            limits={{ min: PAUSE_MIN_DAYS, max: PAUSE_MAX_DAYS }}
          />
        )}
      </Card>
      <section className="space-y-2">
        <h2 className="font-semibold">{t('portal.mine')}</h2>
        {d.requests.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">{t('portal.none')}</p>
        ) : (
          <ul className="space-y-2" data-testid="my-requests">
            {d.requests.map((q) => (
              <li key={q.id} data-testid="my-request" data-kind={q.kind}>
                <Card>
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <span className="font-medium">{t(`kinds.${q.kind}`)}</span>
                    <RequestStatusBadge status={q.status} />
                  </div>
                  <p className="text-sm break-words">{requestSummary(locale, q, d.planNames)}</p>
                  <p className="text-xs text-slate-500">
                    {q.serviceUsername} ·{' '}
                    {t('portal.askedOn', { date: formatDateTime(q.createdAt, locale, org.timezone) })}
                  </p>
                  {q.status === 'approved' && q.effectiveOn && (
                    <p className="text-sm">{t('portal.effectiveOn', { date: formatDate(q.effectiveOn, locale) })}</p>
                  )}
                  {q.decisionNote && (
                    <p className="mt-1 text-sm break-words" data-testid="staff-note">
                      {t('portal.staffNote', { note: q.decisionNote })}
                    </p>
                  )}
                  {q.status === 'pending' && (
                    <div className="mt-2">
                      <RequestCancel slug={org.slug} id={q.id} />
                    </div>
                  )}
                </Card>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
