import { ChevronRight } from 'lucide-react';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { Badge, Card, EmptyState, PageHeader } from '@/components/ui/card';
import { requirePage } from '@/lib/auth/context';
import { formatDateTime } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { listEndpointsOp } from '@/lib/webhooks/operations';
import { EndpointForm } from './endpoint-form';
import { VerifyHelp } from './verify-help';

/**
 * Pengaturan → Webhook: the organization's endpoints as cards (each opens its page with the
 * secret, the actions and the delivery log), and the form to add one.
 */
export default async function WebhooksPage() {
  const { read, info } = await requirePage('webhooks.manage');
  const t = await getTranslations('webhooks');
  const locale = toLocale(await getLocale());
  const endpoints = await read(listEndpointsOp, {});
  const addForm = (
    <Card className="space-y-3">
      <h2 className="font-semibold">{t('addTitle')}</h2>
      <EndpointForm />
    </Card>
  );
  return (
    <div className="max-w-3xl space-y-4">
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <p className="text-sm text-slate-600 dark:text-slate-400">{t('intro')}</p>
      {endpoints.length === 0 ? (
        <>
          <EmptyState title={t('empty')} hint={t('emptyHint')} />
          {addForm}
        </>
      ) : (
        <>
          <ul className="space-y-3" data-testid="webhook-list">
            {endpoints.map((e) => (
              <li key={e.id}>
                <Link
                  href={`/settings/webhooks/${e.id}`}
                  data-testid="webhook-card"
                  className="flex min-h-11 items-center gap-3 rounded-xl border border-slate-200 bg-white p-4 hover:border-brand-500 dark:border-slate-800 dark:bg-slate-900"
                >
                  <span className="min-w-0 flex-1 space-y-1">
                    <span className="flex flex-wrap items-center gap-2">
                      <Badge color={e.enabled ? 'green' : 'red'}>{e.enabled ? t('active') : t('inactive')}</Badge>
                      <span className="text-sm text-slate-600 dark:text-slate-400">
                        {t('eventsCount', { count: e.eventTypes.length })}
                      </span>
                    </span>
                    <span className="block break-all font-medium">{e.url}</span>
                    {e.description && <span className="block text-sm">{e.description}</span>}
                    <span className="block text-xs text-slate-500">
                      {e.lastDeliveryAt
                        ? t('lastDelivery', { at: formatDateTime(e.lastDeliveryAt, locale, info.org!.timezone) })
                        : t('neverDelivered')}
                    </span>
                  </span>
                  <ChevronRight className="shrink-0 text-slate-400" size={18} aria-hidden />
                </Link>
              </li>
            ))}
          </ul>
          <details className="rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
            <summary className="flex min-h-11 cursor-pointer items-center px-4 font-medium" data-testid="webhook-add">
              {t('add')}
            </summary>
            <div className="border-t border-slate-200 p-4 dark:border-slate-800">
              <EndpointForm />
            </div>
          </details>
        </>
      )}
      <VerifyHelp />
    </div>
  );
}
