import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { StatusBadge } from '@/components/status-badge';
import { Card } from '@/components/ui/card';
import { TRANSITIONS } from '@/lib/customers/constants';
import type { getCustomerDetail } from '@/lib/customers/queries';
import type { serviceChoices } from '@/lib/customers/service-choices';
import { formatDateTime, formatIDR } from '@/lib/format';
import type { Locale } from '@/lib/i18n/config';
import { TransitionButtons } from './customer-client';
import { ServiceForm } from './service-form';

export type Subscription = Awaited<ReturnType<typeof getCustomerDetail>>['subscriptions'][number];
type Choices = Awaited<ReturnType<typeof serviceChoices>>;

/** The customer's subscriptions: plan, status, ODP port, the service settings and the status buttons. */
export async function ServiceSection(props: {
  subscriptions: Subscription[];
  locale: Locale;
  timeZone: string;
  choices: Choices | null;
  canManage: boolean;
  canTransition: boolean;
  canViewOdps: boolean;
  canWatchJobs: boolean;
}) {
  const t = await getTranslations();
  return (
    <section id="service" className="scroll-mt-20">
      <h2 className="mb-2 font-semibold">{t('customerPage.sections.service')}</h2>
      <div className="space-y-3">
        {props.subscriptions.map((s) => (
          <Card key={s.id}>
            <div
              className="flex flex-col gap-2 sm:flex-row sm:items-start sm:justify-between"
              data-testid="subscription"
            >
              <div className="min-w-0 text-sm">
                <div className="break-words font-medium">
                  <code>{s.serviceUsername}</code> · {s.planName} · {formatIDR(s.priceRupiah)}
                </div>
                <div className="text-slate-500">
                  {t(`billingTypes.${s.billingType}`)} · {t('customers.odp')}:{' '}
                  {s.odpId && s.odpCode && props.canViewOdps ? (
                    <Link href={`/network/odps/${s.odpId}`} className="underline" data-testid="subscription-odp">
                      {s.odpCode}
                    </Link>
                  ) : (
                    (s.odpCode ?? '—')
                  )}
                  {s.odpPort !== null && <> ({t('network.portNumber', { port: s.odpPort })})</>} ·{' '}
                  {t('customers.since')} {formatDateTime(s.activatedAt ?? s.createdAt, props.locale, props.timeZone)}
                </div>
              </div>
              <StatusBadge status={s.status} />
            </div>
            {props.canManage && s.status !== 'terminated' && (
              <details className="mt-3 border-t border-slate-100 pt-3 dark:border-slate-800">
                <summary className="min-h-11 cursor-pointer py-2 text-sm font-medium" data-testid="service-settings">
                  {t('customers.serviceSettings')}
                </summary>
                <ServiceForm
                  service={{
                    id: s.id,
                    planId: s.planId,
                    planName: s.planName,
                    routerId: s.routerId,
                    remoteAddress: s.remoteAddress,
                    localAddress: s.localAddress,
                    callerId: s.callerId,
                    odpId: s.odpId,
                    odpPort: s.odpPort,
                  }}
                  plans={props.choices?.plans ?? []}
                  routers={props.choices?.routers ?? []}
                  odps={{
                    choices: props.choices?.odps ?? [],
                    free: (s.odpId && props.choices?.freePorts[s.odpId]) || [],
                  }}
                  canWatchJobs={props.canWatchJobs}
                />
              </details>
            )}
            {props.canTransition && TRANSITIONS[s.status].length > 0 && (
              <TransitionButtons
                subscriptionId={s.id}
                username={s.serviceUsername}
                from={s.status}
                targets={[...TRANSITIONS[s.status]]}
              />
            )}
          </Card>
        ))}
      </div>
    </section>
  );
}
