import { getLocale, getTranslations } from 'next-intl/server';
import { SubscriptionCard } from '@/components/portal/subscription-card';
import { Card, EmptyState } from '@/components/ui/card';
import { formatIDR } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { executePortalOperation } from '@/lib/portal/operation';
import { portalHomeOp } from '@/lib/portal/operations';
import { requirePortal } from '@/lib/portal/request';

/** The portal's home: every customer under the visitor's number, each subscription's state and what to pay. */
export default async function PortalHomePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { org, ctx } = await requirePortal(slug);
  const t = await getTranslations('portal.home');
  const locale = toLocale(await getLocale());
  const result = await executePortalOperation(portalHomeOp, ctx, {});
  if (!result.ok) throw new Error(result.message);
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">{t('title')}</h1>
      {result.data.map((c) => (
        <section key={c.id} className="space-y-3" data-testid="portal-customer">
          <div className="flex flex-wrap items-baseline justify-between gap-x-3">
            <h2 className="font-semibold">{c.name}</h2>
            <span className="text-sm text-slate-600 dark:text-slate-400">{c.number}</span>
          </div>
          {c.creditBalance > 0 && (
            <Card className="text-sm">
              <span data-testid="portal-credit">{t('credit', { amount: formatIDR(c.creditBalance) })}</span>
            </Card>
          )}
          {c.subscriptions.length === 0 ? (
            <EmptyState title={t('noSubscription')} hint={t('noSubscriptionHint', { name: org.name })} />
          ) : (
            c.subscriptions.map((s) => <SubscriptionCard key={s.id} sub={s} slug={org.slug} locale={locale} />)
          )}
        </section>
      ))}
    </div>
  );
}
