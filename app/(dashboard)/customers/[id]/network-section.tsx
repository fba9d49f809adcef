import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { LocationMap } from '@/components/map';
import { RouterStatusBadge } from '@/components/network/router-status';
import { Card } from '@/components/ui/card';
import type { Locale } from '@/lib/i18n/config';
import type { Read } from '@/lib/server/read';
import { RadiusUsage } from './radius-usage';
import { SyncSubscriptionButton } from './service-form';
import type { Subscription } from './service-section';

/** Where the customer is and how their service reaches the network: the pin, router, addresses, usage. */
export async function NetworkSection(props: {
  customer: { id: string; name: string; latitude: number | null; longitude: number | null };
  subscriptions: Subscription[];
  read: Read;
  locale: Locale;
  timeZone: string;
  canViewMap: boolean;
  canViewRouters: boolean;
  canSync: boolean;
  canWatchJobs: boolean;
}) {
  const t = await getTranslations();
  const c = props.customer;
  return (
    <section id="network" className="scroll-mt-20 space-y-3">
      <h2 className="font-semibold">{t('customerPage.sections.network')}</h2>
      <Card>
        <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
          <h3 className="font-semibold">{t('customers.map')}</h3>
          {c.latitude !== null && c.longitude !== null && props.canViewMap && (
            <Link
              href={`/map?lat=${c.latitude}&lng=${c.longitude}&zoom=18&select=customer:${c.id}`}
              className="inline-flex min-h-11 items-center text-sm font-medium text-brand-700 hover:underline dark:text-brand-500"
              data-testid="view-on-map"
            >
              {t('map.viewOnMap')}
            </Link>
          )}
        </div>
        {c.latitude !== null && c.longitude !== null ? (
          <LocationMap
            center={{ latitude: c.latitude, longitude: c.longitude }}
            points={[{ latitude: c.latitude, longitude: c.longitude, kind: 'customer', label: c.name }]}
            height={240}
          />
        ) : (
          <p className="text-sm text-slate-500">{t('customers.noLocation')}</p>
        )}
      </Card>
      {props.subscriptions.map((s) => (
        <div key={s.id} className="space-y-3">
          <Card>
            <p className="mb-2 break-words text-sm font-medium">
              <code>{s.serviceUsername}</code>
            </p>
            <dl
              className="grid grid-cols-[minmax(0,8rem)_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm"
              data-testid="subscription-service"
            >
              <dt className="text-slate-500">{t('customers.serviceRouter')}</dt>
              <dd className="flex flex-wrap items-center gap-2">
                {s.routerId ? (
                  <>
                    {props.canViewRouters ? (
                      <Link href={`/routers/${s.routerId}`} className="underline">
                        {s.routerName}
                      </Link>
                    ) : (
                      s.routerName
                    )}
                    <RouterStatusBadge status={s.routerStatus} />
                  </>
                ) : (
                  <span className="text-slate-500">{t('customers.serviceNoRouter')}</span>
                )}
              </dd>
              <dt className="text-slate-500">{t('customers.serviceRemoteAddress')}</dt>
              <dd className="break-all font-mono text-xs leading-5">
                {s.remoteAddress ?? t('customers.serviceDynamic')}
              </dd>
              <dt className="text-slate-500">{t('customers.serviceLocalAddress')}</dt>
              <dd className="break-all font-mono text-xs leading-5">{s.localAddress ?? '—'}</dd>
              <dt className="text-slate-500">{t('customers.serviceCallerId')}</dt>
              <dd className="break-all font-mono text-xs leading-5">{s.callerId ?? t('customers.serviceNoMacLock')}</dd>
            </dl>
            {props.canSync && s.routerId && (
              <div className="mt-3">
                <SyncSubscriptionButton routerId={s.routerId} subscriptionId={s.id} canWatchJobs={props.canWatchJobs} />
              </div>
            )}
          </Card>
          {/* Only subscriptions on a RADIUS-mode router have accounting to show. */}
          {s.routerId && s.routerMode === 'radius' && (
            <RadiusUsage read={props.read} subscriptionId={s.id} locale={props.locale} timeZone={props.timeZone} />
          )}
        </div>
      ))}
    </section>
  );
}
