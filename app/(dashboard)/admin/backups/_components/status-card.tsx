import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { formatBytes } from '@/components/network/format';
import { Alert, Badge, Card } from '@/components/ui/card';
import { CopyButton } from '@/components/ui/copy-button';
import { backupRun } from '@/lib/backups/jobs';
import type { BackupOverview } from '@/lib/backups/status';
import { formatDateTime } from '@/lib/format';
import type { Locale } from '@/lib/i18n/config';
import { formatAge, type Json } from './words';

const STEP_COUNT = 5;
const STEPS = ['dump', 'files', 'encrypt', 'upload', 'retention'];

/** The top of the page: last good backup and its age, the next one, the key, a run under way. */
export async function StatusCard({ overview, locale }: { overview: Json<BackupOverview>; locale: Locale }) {
  const t = await getTranslations();
  const tz = overview.settings.timeZone;
  const { lastGood, active, key } = overview;
  const row = (label: string, value: ReactNode, testId?: string) => (
    <div className="min-w-0" data-testid={testId}>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="break-words text-sm">{value}</dd>
    </div>
  );
  return (
    <Card className="space-y-4">
      {overview.stale && (
        <Alert kind="warning">
          <span data-testid="backups-stale">
            {lastGood ? t('backups.status.stale') : t('backups.status.staleNever')}
          </span>
        </Alert>
      )}
      {active && (
        <div className="space-y-2" data-testid="backups-active" data-status={active.status}>
          <div className="flex flex-wrap items-center gap-2">
            <Badge color={active.status === 'retrying' ? 'amber' : 'blue'}>
              {t(`backups.runStatus.${active.status}`)}
            </Badge>
            <span className="text-sm">
              {active.step ? t(`backups.steps.${active.step}`) : t('backups.steps.waiting')}
              {active.attempt > 1 &&
                ` · ${t('backups.status.attempt', { attempt: active.attempt, max: backupRun.maxAttempts })}`}
            </span>
          </div>
          {active.step && (
            <div
              className="h-2 max-w-xs rounded-full bg-slate-200 dark:bg-slate-700"
              role="progressbar"
              aria-valuemin={0}
              aria-valuemax={STEP_COUNT}
              aria-valuenow={STEPS.indexOf(active.step)}
            >
              <div
                className="h-2 rounded-full bg-brand-600 transition-all"
                style={{ width: `${Math.round(((STEPS.indexOf(active.step) + 0.5) / STEP_COUNT) * 100)}%` }}
              />
            </div>
          )}
        </div>
      )}
      <dl className="grid gap-3 sm:grid-cols-2">
        {row(
          t('backups.status.lastGood'),
          lastGood ? (
            <>
              {formatDateTime(lastGood.at, locale, tz)}{' '}
              <span className="text-slate-500">
                ({formatAge(t, overview.ageMs ?? 0)} · {formatBytes(lastGood.sizeBytes)})
              </span>
            </>
          ) : (
            t('backups.status.none')
          ),
          'backups-last-good',
        )}
        {row(
          t('backups.status.next'),
          overview.scheduleOff
            ? t('backups.status.scheduleOff')
            : overview.nextAt
              ? formatDateTime(overview.nextAt, locale, tz)
              : t('backups.status.disabled'),
          'backups-next',
        )}
      </dl>
      <div className="space-y-1 border-t border-slate-200 pt-3 text-sm dark:border-slate-800" data-testid="backups-key">
        <p className="font-medium">{t(`backups.key.${key.source}`, { file: key.file })}</p>
        {key.keyId && (
          <p className="text-xs text-slate-500">
            {t('backups.key.fingerprint')}: <code className="break-all">{key.keyId}</code>
          </p>
        )}
        <p className="text-slate-600 dark:text-slate-400">{t('backups.key.keepCopy')}</p>
      </div>
      {lastGood?.sha256 && (
        <div className="flex flex-wrap items-center gap-2 text-xs text-slate-500">
          <span>SHA-256</span>
          <code className="break-all">{lastGood.sha256.slice(0, 16)}…</code>
          <CopyButton text={lastGood.sha256} />
        </div>
      )}
    </Card>
  );
}
