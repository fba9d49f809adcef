import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { formatBytes } from '@/components/network/format';
import { Facts } from '@/components/network/job-results';
import { Badge, Card } from '@/components/ui/card';
import { ROUTER_CONFIG_ERROR_KINDS, type RouterConfigErrorKind } from '@/db/enums';
import { formatDateTime } from '@/lib/format';
import type { Locale } from '@/lib/i18n/config';
import type { configBackupStatus, listConfigVersions } from '@/lib/network/config-backups/queries';
import { AcceptHostKey, BackUpConfigNow, ConfigBackupSettingsForm } from './router-config-actions';
import { ConfigVersionList } from './router-config-versions';

type Status = Awaited<ReturnType<typeof configBackupStatus>>;
type Versions = Awaited<ReturnType<typeof listConfigVersions>>;

const STATUS_COLOR = { stored: 'green', unchanged: 'blue', failed: 'red' } as const;

function errorKind(value: string | null): RouterConfigErrorKind {
  return ROUTER_CONFIG_ERROR_KINDS.includes(value as RouterConfigErrorKind)
    ? (value as RouterConfigErrorKind)
    : 'unknown';
}

/**
 * The router page's Configuration section: when the configuration was last saved and how the
 * last run went (a failure in words, never silent), the SSH host key, "back up now", the
 * settings, and the versions to view, download and compare.
 */
export function RouterConfigSection({
  routerId,
  status,
  versions,
  manage,
  locale,
  timeZone,
  cursor,
}: {
  routerId: string;
  status: Status;
  versions: Versions;
  manage: boolean;
  locale: Locale;
  timeZone: string;
  cursor: string | undefined;
}) {
  const t = useTranslations('routerConfig');
  const when = (d: Date | string | null) => (d ? formatDateTime(d, locale, timeZone) : t('never'));
  const failed = status.lastStatus === 'failed';
  return (
    <section id="router-config" className="scroll-mt-4 space-y-3" data-testid="router-config">
      <h2 className="font-semibold">{t('title')}</h2>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card className="min-w-0 space-y-3">
          <p className="text-sm text-slate-600 dark:text-slate-400">{t('hint')}</p>
          <Facts
            testId="router-config-facts"
            rows={[
              [t('lastBackup'), when(status.lastSuccessAt)],
              [
                t('lastRun'),
                status.lastStatus ? (
                  <span key="s" className="flex flex-wrap items-center gap-2" data-testid="router-config-last-status">
                    <Badge color={STATUS_COLOR[status.lastStatus]}>{t(`statuses.${status.lastStatus}`)}</Badge>
                    <span className="text-xs text-slate-500">{when(status.lastRunAt)}</span>
                  </span>
                ) : (
                  t('never')
                ),
              ],
              [t('schedule'), status.enabled ? t('daily') : t('off')],
              [t('sshPort'), String(status.sshPort)],
              [t('keep'), t('keepCount', { count: status.keep })],
              [
                t('hostKey'),
                status.hostKeyFingerprint ? (
                  <code key="k" className="break-all text-xs" data-testid="router-config-host-key">
                    {status.hostKeyType} {status.hostKeyFingerprint}
                  </code>
                ) : (
                  t('hostKeyNone')
                ),
              ],
            ]}
          />
          {failed && (
            <div
              className="space-y-1 rounded-lg border border-red-200 bg-red-50 p-3 text-sm dark:border-red-900 dark:bg-red-950"
              data-testid="router-config-error"
            >
              <p className="font-medium text-red-700 dark:text-red-400">
                {t('failedTitle', { count: status.failures })}
              </p>
              <p>{t(`errors.${errorKind(status.lastErrorKind)}`)}</p>
              {status.lastError && <p className="break-words font-mono text-xs text-slate-500">{status.lastError}</p>}
            </div>
          )}
          {status.pendingHostKeyFingerprint && (
            <div
              className="space-y-2 rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm dark:border-amber-900 dark:bg-amber-950"
              data-testid="router-config-new-key"
            >
              <p className="font-medium">{t('hostKeyChanged.title')}</p>
              <p>{t('hostKeyChanged.hint')}</p>
              <Facts
                rows={[
                  [
                    t('hostKeyChanged.old'),
                    <code key="o" className="break-all text-xs">
                      {status.hostKeyFingerprint}
                    </code>,
                  ],
                  [
                    t('hostKeyChanged.new'),
                    <code key="n" className="break-all text-xs">
                      {status.pendingHostKeyType} {status.pendingHostKeyFingerprint}
                    </code>,
                  ],
                  [t('hostKeyChanged.seen'), when(status.pendingHostKeySeenAt)],
                ]}
              />
              {manage && <AcceptHostKey routerId={routerId} fingerprint={status.pendingHostKeyFingerprint} />}
            </div>
          )}
          {manage && <BackUpConfigNow routerId={routerId} runningJobId={status.runningJobId} />}
        </Card>
        {manage && (
          <Card className="min-w-0">
            <ConfigBackupSettingsForm
              routerId={routerId}
              settings={{ sshPort: status.sshPort, enabled: status.enabled, keep: status.keep }}
            />
          </Card>
        )}
      </div>
      <ConfigVersionList
        routerId={routerId}
        items={versions.items.map((v) => ({
          id: v.id,
          takenAt: formatDateTime(v.takenAt, locale, timeZone),
          lastSeenAt: formatDateTime(v.lastSeenAt, locale, timeZone),
          size: formatBytes(v.sizeBytes),
          lines: v.lineCount,
          added: v.addedLines,
          removed: v.removedLines,
          routerosVersion: v.routerosVersion,
          trigger: v.trigger,
          previousId: v.previousId,
        }))}
        manage={manage}
      />
      {(cursor || versions.nextCursor) && (
        <div className="flex flex-wrap gap-3 text-sm">
          {cursor && (
            <Link
              href={`/routers/${routerId}#router-config`}
              className="min-h-11 content-center text-brand-700 underline"
            >
              {t('versions.newest')}
            </Link>
          )}
          {versions.nextCursor && (
            <Link
              href={`/routers/${routerId}?configCursor=${encodeURIComponent(versions.nextCursor)}#router-config`}
              className="min-h-11 content-center text-brand-700 underline"
              data-testid="router-config-older"
            >
              {t('versions.older')}
            </Link>
          )}
        </div>
      )}
    </section>
  );
}
