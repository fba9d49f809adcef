'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useCallback, useState } from 'react';
import { kickSessionAction } from '@/app/_actions/network';
import { JobStatus } from '@/components/jobs/job-watch';
import { Alert } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';

/** Disconnect one session (the device dials again), then follow the job and reload the list. */
export function KickButton({ sessionId, username }: { sessionId: string; username: string }) {
  const t = useTranslations('sessions');
  const router = useRouter();
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = useCallback(() => router.refresh(), [router]);
  if (jobId) {
    return (
      <div className="md:min-w-32">
        <JobStatus jobId={jobId} onFinished={refresh} testId="session-kick-job" />
      </div>
    );
  }
  // Full width on a phone card, so the thumb finds it; its normal size in the table.
  return (
    <div className="space-y-1 [&>button]:w-full md:[&>button]:w-auto">
      <ConfirmButton
        testId="session-kick"
        variant="secondary"
        label={t('kick')}
        message={t('kickConfirm', { username })}
        onConfirm={async () => {
          const r = await kickSessionAction({ sessionId });
          if (r.ok) setJobId(r.data.jobId);
          else setError(r.message);
        }}
      />
      {error && <Alert>{error}</Alert>}
    </div>
  );
}
