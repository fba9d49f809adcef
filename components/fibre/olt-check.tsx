'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useCallback } from 'react';
import { checkOltAction } from '@/app/_actions/olt-cli';
import { JobError } from '@/components/job-error';
import { JobStatus } from '@/components/jobs/job-watch';
import { useQueuedJob } from '@/components/jobs/use-queued-job';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/card';

type CheckResult = { model?: string | null; firmware?: string | null; ponPorts?: number; added?: number };

/**
 * "Test connection" for an OLT (olts.manage): a fresh look at the OLT's command line: model,
 * firmware, its PON ports (the ones missing here are added), followed live.
 */
export function OltCheck({ oltId }: { oltId: string }) {
  const t = useTranslations('oltCli');
  const router = useRouter();
  const job = useQueuedJob();
  const refresh = useCallback(() => router.refresh(), [router]);
  return (
    <div className="space-y-2">
      <Button
        variant="secondary"
        data-testid="olt-check"
        disabled={job.pending}
        onClick={() => job.run(() => checkOltAction({ oltId }))}
      >
        {t('check.button')}
      </Button>
      {job.error && (
        <Alert>
          <JobError error={job.error} />
        </Alert>
      )}
      {job.jobId && (
        <div data-testid="olt-check-result">
          <JobStatus jobId={job.jobId} onFinished={refresh}>
            {(j) => {
              const r = (j.result ?? {}) as CheckResult;
              return (
                <p className="text-sm">
                  {t('check.result', {
                    model: r.model ?? '—',
                    firmware: r.firmware ?? '—',
                    ports: r.ponPorts ?? 0,
                    added: r.added ?? 0,
                  })}
                </p>
              );
            }}
          </JobStatus>
        </div>
      )}
    </div>
  );
}
