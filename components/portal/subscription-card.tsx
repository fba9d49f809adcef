import { BarChart3, Wifi, WifiOff } from 'lucide-react';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';
import { Badge, Card } from '@/components/ui/card';
import { formatDate, formatIDR } from '@/lib/format';
import type { Locale } from '@/lib/i18n/config';
import type { PortalSubscription } from '@/lib/portal/home';
import { formatGB } from '@/lib/usage/format';
import { UsageChart } from './usage-chart';

const STATUS_COLOR = {
  active: 'green',
  isolated: 'red',
  suspended: 'amber',
  pending: 'blue',
  terminated: 'slate',
} as const;

/** A plan's speed as the plan list writes it: 10240 kbps is "10 Mbps" (routers count 1 M = 1024 k). */
const speed = (kbps: number) =>
  kbps % 1024 === 0 ? `${kbps / 1024} Mbps` : kbps % 1000 === 0 ? `${kbps / 1000} Mbps` : `${kbps} kbps`;

/** One subscription on the portal's home: status (and why), online now, plan, unpaid invoices. */
export async function SubscriptionCard({
  sub,
  slug,
  locale,
}: {
  sub: PortalSubscription;
  slug: string;
  locale: Locale;
}) {
  const t = await getTranslations('portal.home');
  const usageTotal = sub.usage.reduce((n, d) => n + d.bytesIn + d.bytesOut, 0);
  return (
    <Card className="space-y-3">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="font-semibold" data-testid="portal-plan">
            {sub.planName}
          </p>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {speed(sub.downloadKbps)} · {t('perMonth', { price: formatIDR(sub.priceRupiah) })}
          </p>
        </div>
        <Badge color={STATUS_COLOR[sub.status]}>
          <span data-testid="portal-status" data-status={sub.status}>
            {t(`status.${sub.status}`)}
          </span>
        </Badge>
      </div>
      {sub.status === 'isolated' && (
        <p
          className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200"
          data-testid="portal-isolated-reason"
        >
          {sub.isolatedBy
            ? t('isolatedBy', { number: sub.isolatedBy.number, amount: formatIDR(sub.isolatedBy.amountDue) })
            : t('isolatedNoInvoice')}
        </p>
      )}
      {sub.status === 'suspended' && <p className="text-sm text-amber-800 dark:text-amber-200">{t('suspendedHint')}</p>}
      {sub.status === 'pending' && <p className="text-sm text-slate-600 dark:text-slate-400">{t('pendingHint')}</p>}
      {sub.online !== null && (
        <p className="flex items-center gap-2 text-sm" data-testid="portal-online" data-online={sub.online}>
          {sub.online ? (
            <Wifi size={16} className="text-emerald-600" aria-hidden />
          ) : (
            <WifiOff size={16} className="text-slate-500" aria-hidden />
          )}
          {t(sub.online ? 'online' : 'offline')}
        </p>
      )}
      <div className="space-y-2">
        <h3 className="text-sm font-medium">{t('unpaid')}</h3>
        {sub.invoices.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="portal-all-paid">
            {t('allPaid')}
          </p>
        ) : (
          <ul className="space-y-2">
            {sub.invoices.map((inv) => (
              <li
                key={inv.id}
                className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-slate-200 p-3 dark:border-slate-800"
                data-testid="portal-unpaid-invoice"
              >
                <div className="min-w-0">
                  <p className="font-medium">{formatIDR(inv.amountDue)}</p>
                  <p className="text-xs text-slate-600 dark:text-slate-400">
                    {inv.number} ·{' '}
                    {t(inv.overdue ? 'overdueSince' : 'dueOn', { date: formatDate(inv.dueDate, locale) })}
                  </p>
                </div>
                <a
                  href={`/i/${inv.token}`}
                  className={buttonClass('primary', 'w-full sm:w-auto')}
                  data-testid="portal-pay"
                >
                  {t('pay')}
                </a>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div data-testid="portal-usage">
        <p className="text-sm text-slate-500">{t('usageMonth')}</p>
        <p className="font-semibold">{t('usageTotal', { value: formatGB(usageTotal, locale) })}</p>
        {usageTotal > 0 && <UsageChart days={sub.usage} height={160} />}
      </div>
      <Link href={`/portal/${slug}/usage?s=${sub.id}`} className={buttonClass('secondary', 'w-full')}>
        <BarChart3 size={16} aria-hidden />
        {t('usage')}
      </Link>
    </Card>
  );
}
