import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { AutoRefresh } from '@/components/ui/auto-refresh';
import { Alert, Badge, Card, PageHeader } from '@/components/ui/card';
import { requirePage } from '@/lib/auth/context';
import { formatDateTime } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { CUT_OFF_REASON } from '@/lib/webhooks/cutoff';
import { getEndpointOp, listDeliveriesOp } from '@/lib/webhooks/operations';
import { EndpointForm } from '../endpoint-form';
import { DeliveryRow } from './delivery-row';
import { EndpointActions } from './endpoint-actions';
import { SecretCard } from './secret-card';

/** One endpoint: its state and actions, the signing secret, its settings and its delivery log. */
export default async function WebhookEndpointPage({ params }: { params: Promise<{ endpointId: string }> }) {
  const { read, info } = await requirePage('webhooks.manage');
  const { endpointId } = await params;
  const t = await getTranslations('webhooks');
  const locale = toLocale(await getLocale());
  const tz = info.org!.timezone;
  const endpoint = await read(getEndpointOp, { endpointId });
  const deliveries = await read(listDeliveriesOp, { endpointId });
  const reason = endpoint.disabledReason === CUT_OFF_REASON ? t('disabledReasons.failures') : t('disabledByHand');
  return (
    <div className="max-w-3xl space-y-4">
      {deliveries.some((d) => d.status === 'pending') && <AutoRefresh seconds={3} />}
      <Link href="/settings/webhooks" className="inline-flex min-h-11 items-center text-sm text-brand-700">
        ← {t('back')}
      </Link>
      <PageHeader title={endpoint.description || t('title')} />
      <Card className="space-y-3">
        <div className="flex flex-wrap items-center gap-2">
          <Badge color={endpoint.enabled ? 'green' : 'red'}>{endpoint.enabled ? t('active') : t('inactive')}</Badge>
          <span className="break-all font-medium" data-testid="webhook-url">
            {endpoint.url}
          </span>
        </div>
        {!endpoint.enabled && <Alert kind="warning">{reason}</Alert>}
        <EndpointActions endpointId={endpoint.id} enabled={endpoint.enabled} missedWhileOff={endpoint.failedWhileOff} />
      </Card>
      <SecretCard endpointId={endpoint.id} hint={endpoint.secretHint} />
      <Card className="space-y-3">
        <h2 className="font-semibold">{t('log')}</h2>
        {deliveries.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">{t('logEmpty')}</p>
        ) : (
          <ul className="divide-y divide-slate-200 dark:divide-slate-800" data-testid="webhook-log">
            {deliveries.map((d) => (
              <DeliveryRow
                key={d.id}
                delivery={{
                  id: d.id,
                  eventType: d.eventType,
                  status: d.status as 'pending' | 'delivered' | 'failed',
                  attempts: d.attempts,
                  lastStatusCode: d.lastStatusCode,
                  lastError: d.lastError,
                  at: formatDateTime(d.lastAttemptAt ?? d.createdAt, locale, tz),
                }}
                canReplay={endpoint.enabled}
              />
            ))}
          </ul>
        )}
      </Card>
      <details className="rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <summary className="flex min-h-11 cursor-pointer items-center px-4 font-medium">{t('edit')}</summary>
        <div className="border-t border-slate-200 p-4 dark:border-slate-800">
          <EndpointForm endpoint={endpoint} />
        </div>
      </details>
    </div>
  );
}
