import { getTranslations } from 'next-intl/server';
import { formatBytes } from '@/components/network/format';
import { Badge, EmptyState } from '@/components/ui/card';
import { CopyButton } from '@/components/ui/copy-button';
import { STACKED_ROW, StackedCell, StackedTable } from '@/components/ui/stacked-table';
import type { BackupRunStatus } from '@/db/enums';
import { DEFAULT_TARGET_NAME } from '@/lib/backups/constants';
import type { listRuns } from '@/lib/backups/runs';
import { formatDateTime } from '@/lib/format';
import type { Locale } from '@/lib/i18n/config';
import { copyFailureWords, errorWords, formatDuration, type Json } from './words';

type Run = Json<Awaited<ReturnType<typeof listRuns>>['items'][number]>;

const STATUS_COLOR: Record<BackupRunStatus, 'slate' | 'blue' | 'amber' | 'green' | 'red'> = {
  queued: 'slate',
  running: 'blue',
  retrying: 'amber',
  succeeded: 'green',
  partial: 'amber',
  failed: 'red',
};

/** Every run, newest first: when, what started it, the outcome, size, time taken, checksum, and each target's copy. */
export async function RunsList({ runs, locale, timeZone }: { runs: Run[]; locale: Locale; timeZone: string }) {
  const t = await getTranslations();
  if (runs.length === 0) return <EmptyState title={t('backups.runs.empty')} hint={t('backups.runs.emptyHint')} />;
  return (
    <StackedTable
      testId="backup-runs"
      head={[
        t('backups.runs.when'),
        t('backups.runs.outcome'),
        t('backups.runs.size'),
        t('backups.runs.duration'),
        'SHA-256',
        t('backups.runs.copies'),
      ]}
    >
      {runs.map((run) => (
        <tr key={run.id} className={STACKED_ROW.page} data-testid="backup-run" data-status={run.status}>
          <StackedCell className="col-span-2 md:col-span-1 md:whitespace-nowrap">
            <div>{formatDateTime(run.startedAt ?? run.createdAt, locale, timeZone)}</div>
            <div className="text-xs text-slate-500">{t(`backups.triggers.${run.trigger}`)}</div>
          </StackedCell>
          <StackedCell label={t('backups.runs.outcome')}>
            <Badge color={STATUS_COLOR[run.status]}>{t(`backups.runStatus.${run.status}`)}</Badge>
            {run.attempt > 1 && (
              <div className="text-xs text-slate-500">{t('backups.runs.attempts', { count: run.attempt })}</div>
            )}
          </StackedCell>
          <StackedCell label={t('backups.runs.size')}>
            <span data-testid="run-size">{run.sizeBytes === null ? '—' : formatBytes(run.sizeBytes)}</span>
          </StackedCell>
          <StackedCell label={t('backups.runs.duration')}>{formatDuration(t, run.durationMs)}</StackedCell>
          <StackedCell label="SHA-256" className="col-span-2 md:col-span-1">
            {run.sha256 ? (
              <div className="flex flex-wrap items-center gap-2">
                <code className="text-xs" data-testid="run-sha256" title={run.sha256}>
                  {run.sha256.slice(0, 12)}…
                </code>
                <CopyButton text={run.sha256} />
              </div>
            ) : (
              '—'
            )}
          </StackedCell>
          <StackedCell label={t('backups.runs.copies')} className="col-span-2 md:col-span-1">
            <ul className="space-y-1">
              {run.copies.map((copy) => (
                <li key={copy.id} className="min-w-0 text-sm" data-testid="run-copy" data-status={copy.status}>
                  <span className="break-words">
                    {copy.targetName === DEFAULT_TARGET_NAME ? t('backups.targets.defaultName') : copy.targetName}
                  </span>
                  :{' '}
                  {copy.removedAt ? (
                    <span className="text-slate-500">{t('backups.copies.removed')}</span>
                  ) : copy.status === 'stored' ? (
                    <span className="text-emerald-700 dark:text-emerald-400">{t('backups.copies.stored')}</span>
                  ) : copy.status === 'failed' ? (
                    <span className="text-red-700 dark:text-red-400">
                      <span className="break-words">{copyFailureWords(t, copy)}</span>
                      {/* The store's own (English) detail; a removed target's words above say it all. */}
                      {copy.errorMessage && copy.errorCode !== 'target_removed' && (
                        <span className="block break-words font-mono text-xs text-slate-500">{copy.errorMessage}</span>
                      )}
                    </span>
                  ) : (
                    <span className="text-slate-500">{t('backups.copies.pending')}</span>
                  )}
                </li>
              ))}
            </ul>
            {run.errorCode && run.errorCode !== 'targets_failed' && (
              <div className="mt-1 text-sm text-red-700 dark:text-red-400" data-testid="run-error">
                <p>{errorWords(t, run.errorCode)}</p>
                {run.errorMessage && <p className="break-words font-mono text-xs text-slate-500">{run.errorMessage}</p>}
              </div>
            )}
          </StackedCell>
        </tr>
      ))}
    </StackedTable>
  );
}
