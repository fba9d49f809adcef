import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { UsageChart } from '@/components/portal/usage-chart';
import { Card } from '@/components/ui/card';
import { toLocale } from '@/lib/i18n/config';
import { executePortalOperation } from '@/lib/portal/operation';
import { requirePortal } from '@/lib/portal/request';
import { formatGB } from '@/lib/usage/format';
import { portalUsageOp } from '@/lib/usage/portal-operations';

export const dynamic = 'force-dynamic';

/** This month's usage of one of the customer's services: the total and a bar per day. */
export default async function PortalUsagePage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { slug } = await params;
  const sp = await searchParams;
  const { org, ctx } = await requirePortal(slug);
  const t = await getTranslations('requests');
  const locale = toLocale(await getLocale());
  let r = await executePortalOperation(portalUsageOp, ctx, { subscriptionId: sp.s });
  // Another customer's subscription (or an old link): the visitor's own first one instead.
  if (!r.ok) r = await executePortalOperation(portalUsageOp, ctx, {});
  if (!r.ok) throw new Error(r.message);
  const d = r.data;
  const gb = (bytes: number) => t('usage.gb', { value: formatGB(bytes, locale) });
  const hasTraffic = d.days.some((x) => x.bytesIn + x.bytesOut > 0);
  return (
    <div className="space-y-4">
      <div>
        <Link
          href={`/portal/${org.slug}`}
          className="inline-flex min-h-11 items-center text-sm text-brand-700 underline"
        >
          {t('portal.back')}
        </Link>
        <h1 className="text-xl font-semibold">{t('usage.title')}</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">{t('usage.intro')}</p>
      </div>
      {d.subscriptions.length > 1 && (
        <nav className="flex flex-wrap gap-2" aria-label={t('portal.subscription')}>
          {d.subscriptions.map((s) => (
            <Link
              key={s.id}
              href={`/portal/${org.slug}/usage?s=${s.id}`}
              aria-current={s.id === d.selected ? 'page' : undefined}
              className={`inline-flex min-h-11 items-center rounded-lg border px-3 text-sm ${
                s.id === d.selected ? 'border-brand-600 bg-brand-600 text-white' : 'border-slate-300'
              }`}
            >
              {s.serviceUsername}
            </Link>
          ))}
        </nav>
      )}
      {!d.selected ? (
        <Card>
          <p>{t('usage.noSubscriptions')}</p>
        </Card>
      ) : (
        <Card>
          <dl className="mb-3 grid grid-cols-3 gap-2 text-center" data-testid="usage-total">
            <div>
              <dt className="text-xs text-slate-500">{t('usage.total')}</dt>
              <dd className="font-semibold">{gb(d.total.bytesIn + d.total.bytesOut)}</dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">{t('usage.download')}</dt>
              <dd>{gb(d.total.bytesIn)}</dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">{t('usage.upload')}</dt>
              <dd>{gb(d.total.bytesOut)}</dd>
            </div>
          </dl>
          {hasTraffic ? <UsageChart days={d.days} /> : <p className="text-sm">{t('usage.empty')}</p>}
        </Card>
      )}
    </div>
  );
}
