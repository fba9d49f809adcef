import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { ModemPanel } from '@/components/portal/modem-panel';
import { AutoRefresh } from '@/components/ui/auto-refresh';
import { Badge, Card } from '@/components/ui/card';
import { formatDateTime } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { portalModemsOp } from '@/lib/portal/modem-operations';
import { executePortalOperation } from '@/lib/portal/operation';
import { requirePortal } from '@/lib/portal/request';

const STATUS_COLOR = { sending: 'blue', queued: 'amber', done: 'green', fault: 'red', failed: 'red' } as const;

/** The visitor's modem: WiFi per band and a restart, through the ACS. Only there when they have one. */
export default async function PortalModemPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { org, ctx } = await requirePortal(slug);
  const t = await getTranslations('portalSupport.modem');
  const locale = toLocale(await getLocale());
  const result = await executePortalOperation(portalModemsOp, ctx, {});
  // No ACS or no modem of theirs (what portalHasModem decides for the menu): there is no page.
  if (!result.ok || result.data.length === 0) notFound();
  const waiting = result.data.some((m) =>
    m.tasks.some((task) => task.status === 'sending' || task.status === 'queued'),
  );
  return (
    <div className="space-y-4" data-testid="portal-modem">
      {waiting && <AutoRefresh seconds={5} />}
      <h1 className="text-xl font-semibold">{t('title')}</h1>
      {result.data.map((modem) => (
        <Card key={modem.subscriptionId}>
          <div className="space-y-4">
            <div>
              <p className="font-medium">{modem.serviceUsername}</p>
              {modem.model && <p className="text-sm">{t('model', { model: modem.model })}</p>}
              <p className="text-sm text-slate-600 dark:text-slate-400">
                {t('lastSeen', { date: formatDateTime(modem.lastInformAt, locale, org.timezone) })}
              </p>
            </div>
            <ModemPanel slug={org.slug} modem={modem} />
            {modem.tasks.length > 0 && (
              <section className="space-y-2">
                <h2 className="font-semibold">{t('requests')}</h2>
                <ul className="space-y-2" data-testid="portal-modem-tasks">
                  {modem.tasks.map((task) => (
                    <li
                      key={task.id}
                      className="space-y-1 rounded-lg border border-slate-200 p-3 text-sm dark:border-slate-800"
                      data-status={task.status}
                    >
                      <div className="flex flex-wrap items-center justify-between gap-2">
                        <span className="font-medium">
                          {t(`kinds.${task.kind}`)}
                          {task.ssid24 || task.ssid5
                            ? ` · ${[task.ssid24, task.ssid5].filter(Boolean).join(' / ')}`
                            : ''}
                        </span>
                        <Badge color={STATUS_COLOR[task.status]}>
                          <span data-testid="portal-modem-task-status">{t(`statuses.${task.status}`)}</span>
                        </Badge>
                      </div>
                      <p className="text-xs text-slate-500">{formatDateTime(task.createdAt, locale, org.timezone)}</p>
                      {(task.status === 'fault' || task.status === 'failed') && (
                        <p className="text-xs text-red-700 dark:text-red-300">{t('problemHint')}</p>
                      )}
                    </li>
                  ))}
                </ul>
              </section>
            )}
          </div>
        </Card>
      ))}
    </div>
  );
}
