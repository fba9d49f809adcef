import { useTranslations } from 'next-intl';
import { formatBps, formatBytes } from '@/components/network/format';
import { Facts } from '@/components/network/job-results';
import { RouterErrorExplanation } from '@/components/network/router-status';
import { Badge, Card } from '@/components/ui/card';
import { STACKED_ROW, StackedCell, StackedTable } from '@/components/ui/stacked-table';
import { formatDateTime } from '@/lib/format';
import type { Locale } from '@/lib/i18n/config';
import type { RouterView } from '@/lib/network/routers';

type Props = { router: RouterView; locale: Locale; timeZone: string };

/** What the status monitor last read off the router, and the last error if it is down. */
export function RouterStatusCard({ router, locale, timeZone }: Props) {
  const t = useTranslations('routers');
  const s = router.lastSnapshot;
  const when = (d: Date | string | null) => formatDateTime(d, locale, timeZone);
  return (
    <Card className="space-y-3">
      <h2 className="font-semibold">{t('statusTitle')}</h2>
      {router.status === 'offline' && (router.lastErrorKind || router.lastError) && (
        <div
          className="rounded-lg border border-red-200 bg-red-50 p-3 dark:border-red-900 dark:bg-red-950"
          data-testid="router-last-error"
        >
          <RouterErrorExplanation kind={router.lastErrorKind} message={router.lastError} />
        </div>
      )}
      {s ? (
        <Facts
          testId="router-snapshot"
          rows={[
            [t('snapshot.identity'), s.identity],
            [t('snapshot.version'), `RouterOS ${s.version}`],
            [t('snapshot.board'), [s.board, s.architecture].filter(Boolean).join(' · ')],
            [t('snapshot.uptime'), s.uptime],
            [t('snapshot.cpu'), `${s.cpuLoad}%`],
            [t('snapshot.memory'), <MemoryBar key="m" free={s.freeMemory} total={s.totalMemory} />],
            [t('snapshot.pppActive'), s.pppActive],
            [t('snapshot.hotspotActive'), s.hotspotActive],
            [t('snapshot.checkedAt'), when(s.checkedAt)],
          ]}
        />
      ) : (
        <p className="text-sm text-slate-500">{t('snapshot.none')}</p>
      )}
      <Facts
        rows={[
          [t('lastSeen'), when(router.lastSeenAt)],
          [t('lastChecked'), when(router.lastCheckedAt)],
          [t('lastSync'), when(router.lastSyncAt)],
        ]}
      />
    </Card>
  );
}

function MemoryBar({ free, total }: { free: number; total: number }) {
  const used = Math.max(0, total - free);
  const pct = total > 0 ? Math.round((used / total) * 100) : 0;
  return (
    <span className="block max-w-xs">
      {formatBytes(used)} / {formatBytes(total)} ({pct}%)
      <span className="mt-1 block h-1.5 rounded-full bg-slate-200 dark:bg-slate-700">
        <span
          className={`block h-1.5 rounded-full ${pct > 90 ? 'bg-red-600' : 'bg-brand-600'}`}
          style={{ width: `${pct}%` }}
        />
      </span>
    </span>
  );
}

/** The settings the router was saved with. The password is never sent here, only that it is set. */
export function RouterSettingsCard({ router }: { router: RouterView }) {
  const t = useTranslations('routers');
  return (
    <Card className="space-y-3">
      <h2 className="font-semibold">{t('settingsTitle')}</h2>
      <Facts
        rows={[
          [
            t('address'),
            <span key="a" className="font-mono text-xs">
              {router.host}:{router.port} {router.tls && <Badge color="blue">TLS</Badge>}
            </span>,
          ],
          [t('username'), <code key="u">{router.username}</code>],
          [t('passwordLabel'), '••••••'],
          [t('area'), router.area ?? '—'],
          [t('mode'), t(`modes.${router.mode}`)],
          [t('isolirProfile'), <code key="p">{router.isolirProfile}</code>],
          [t('isolirRateLimit'), <code key="r">{router.isolirRateLimit}</code>],
          [t('isolirAddressList'), <code key="l">{router.isolirAddressList}</code>],
          [
            t('syncInterval'),
            router.syncIntervalMinutes > 0 ? t('everyMinutes', { minutes: router.syncIntervalMinutes }) : t('syncOff'),
          ],
        ]}
      />
    </Card>
  );
}

export function InterfacesTable({ router }: { router: RouterView }) {
  const t = useTranslations('routers');
  const list = router.lastSnapshot?.interfaces ?? [];
  if (list.length === 0) return null;
  return (
    <section>
      <h2 className="mb-2 font-semibold">{t('interfaces.title')}</h2>
      <StackedTable
        testId="router-interfaces"
        head={[
          t('interfaces.name'),
          t('interfaces.type'),
          t('interfaces.running'),
          t('interfaces.rx'),
          t('interfaces.tx'),
          t('interfaces.totalRx'),
          t('interfaces.totalTx'),
        ]}
      >
        {list.map((i) => (
          <tr key={i.name} className={STACKED_ROW.page}>
            <StackedCell className="col-span-2 break-all font-medium md:col-span-1">{i.name}</StackedCell>
            <StackedCell label={t('interfaces.type')} className="break-all text-xs">
              {i.type}
            </StackedCell>
            <StackedCell label={t('interfaces.running')}>
              {i.running ? (
                <Badge color="green">{t('interfaces.up')}</Badge>
              ) : (
                <Badge color="slate">{t('interfaces.down')}</Badge>
              )}
            </StackedCell>
            <StackedCell label={t('interfaces.rx')} className="md:whitespace-nowrap">
              {formatBps(i.rxBps)}
            </StackedCell>
            <StackedCell label={t('interfaces.tx')} className="md:whitespace-nowrap">
              {formatBps(i.txBps)}
            </StackedCell>
            <StackedCell label={t('interfaces.totalRx')} className="md:whitespace-nowrap">
              {formatBytes(i.rxByte)}
            </StackedCell>
            <StackedCell label={t('interfaces.totalTx')} className="md:whitespace-nowrap">
              {formatBytes(i.txByte)}
            </StackedCell>
          </tr>
        ))}
      </StackedTable>
    </section>
  );
}
