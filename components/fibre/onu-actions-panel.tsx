'use client';
import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { useCallback } from 'react';
import { rebootOnuAction, refreshOnuAction, removeOnuAction } from '@/app/_actions/olt-cli';
import { JobError } from '@/components/job-error';
import { JobStatus, type WatchedJob } from '@/components/jobs/job-watch';
import { useQueuedJob } from '@/components/jobs/use-queued-job';
import { Button } from '@/components/ui/button';
import { Alert, Card } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { formatDbmValue } from './signal-style';

type Optics = { state?: string; rxPowerDbm?: number | null };

export function OnuActionsPanel({ onuId, canProvision }: { onuId: string; canProvision: boolean }) {
  const t = useTranslations('oltCli');
  const locale = useLocale();
  const router = useRouter();
  const job = useQueuedJob();
  const refresh = useCallback(() => router.refresh(), [router]);
  const removed = useCallback(
    (j: WatchedJob) => {
      if (j.state === 'done') router.push('/olts');
    },
    [router],
  );
  return (
    <Card className="space-y-3">
      <h2 className="font-semibold">{t('actions.title')}</h2>
      <div className="flex flex-wrap gap-2">
        <Button
          variant="secondary"
          data-testid="onu-refresh"
          disabled={job.pending}
          onClick={() => job.run(() => refreshOnuAction({ onuId }))}
        >
          {t('actions.refresh')}
        </Button>
        {canProvision && (
          <>
            <ConfirmButton
              label={t('actions.reboot')}
              message={t('actions.rebootConfirm')}
              variant="secondary"
              testId="onu-reboot"
              disabled={job.pending}
              onConfirm={() => job.run(() => rebootOnuAction({ onuId }))}
            />
            <ConfirmButton
              label={t('actions.remove')}
              message={t('actions.removeConfirm')}
              testId="onu-remove"
              disabled={job.pending}
              onConfirm={() => job.run(() => removeOnuAction({ onuId, confirm: true }))}
            />
          </>
        )}
      </div>
      {job.error && (
        <Alert>
          <JobError error={job.error} />
        </Alert>
      )}
      {job.jobId && (
        <div data-testid="onu-action-result">
          <JobStatus
            jobId={job.jobId}
            onFinished={(j) => {
              if (j.type === 'onu-remove') removed(j);
              else refresh();
            }}
          >
            {(j) => {
              const r = (j.result ?? {}) as Optics;
              if (j.type !== 'onu-optics' || !r.state) return null;
              return (
                <p className="text-sm" data-testid="onu-optics">
                  {t('actions.state', { state: t(`states.${r.state}`) })}
                  {typeof r.rxPowerDbm === 'number' &&
                    ` · ${t('actions.rx', { value: formatDbmValue(r.rxPowerDbm, locale) })}`}
                </p>
              );
            }}
          </JobStatus>
        </div>
      )}
    </Card>
  );
}
