'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { type ReactNode, useCallback, useState } from 'react';
import {
  checkRouterAction,
  deleteRouterAction,
  pushProfilesAction,
  startRouterImportAction,
  syncRouterAction,
} from '@/app/_actions/network';
import { JobError } from '@/components/job-error';
import { JobStatus, type WatchedJob } from '@/components/jobs/job-watch';
import { useQueuedJob } from '@/components/jobs/use-queued-job';
import { CheckResultView, ProfilesResultView, SyncReportView } from '@/components/network/job-results';
import { Button, buttonClass } from '@/components/ui/button';
import { Alert, Card } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';

/** One queued router job: the button's outcome, then the job live until it ends. */
function Panel({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card className="space-y-3">
      <h2 className="font-semibold">{title}</h2>
      {children}
    </Card>
  );
}

export function TestConnection({ routerId }: { routerId: string }) {
  const t = useTranslations('routers');
  const router = useRouter();
  const job = useQueuedJob();
  const refresh = useCallback(() => router.refresh(), [router]);
  return (
    <Panel title={t('check.title')}>
      <p className="text-sm text-slate-600 dark:text-slate-400">{t('check.hint')}</p>
      <Button
        data-testid="router-test"
        disabled={job.pending}
        onClick={() => job.run(() => checkRouterAction({ routerId }))}
      >
        {t('check.button')}
      </Button>
      {job.error && (
        <Alert>
          <JobError error={job.error} />
        </Alert>
      )}
      {job.jobId && (
        <div data-testid="router-test-result">
          <JobStatus jobId={job.jobId} onFinished={refresh}>
            {(j) => <CheckResultView result={j.result} />}
          </JobStatus>
        </div>
      )}
    </Panel>
  );
}

export function SyncNow({ routerId }: { routerId: string }) {
  const t = useTranslations('routers');
  const router = useRouter();
  const job = useQueuedJob();
  const [removeExtra, setRemoveExtra] = useState(false);
  const refresh = useCallback(() => router.refresh(), [router]);
  const start = () => job.run(() => syncRouterAction({ routerId, removeExtra }));
  return (
    <Panel title={t('sync.title')}>
      <p className="text-sm text-slate-600 dark:text-slate-400">{t('sync.hint')}</p>
      <label className="flex min-h-11 items-center gap-2 text-sm">
        <input
          type="checkbox"
          className="h-5 w-5"
          checked={removeExtra}
          onChange={(e) => setRemoveExtra(e.target.checked)}
          data-testid="router-sync-remove-extra"
        />
        {t('sync.removeExtra')}
      </label>
      {removeExtra ? (
        <ConfirmButton
          testId="router-sync"
          variant="danger"
          label={t('sync.button')}
          message={t('sync.removeExtraConfirm')}
          onConfirm={start}
          disabled={job.pending}
        />
      ) : (
        <Button data-testid="router-sync" disabled={job.pending} onClick={start}>
          {t('sync.button')}
        </Button>
      )}
      {job.error && (
        <Alert>
          <JobError error={job.error} />
        </Alert>
      )}
      {job.jobId && (
        <JobStatus jobId={job.jobId} onFinished={refresh} testId="router-sync-job">
          {(j) => <SyncReportView result={j.result} testId="sync-report-live" />}
        </JobStatus>
      )}
    </Panel>
  );
}

export function PushProfiles({ routerId }: { routerId: string }) {
  const t = useTranslations('routers');
  const job = useQueuedJob();
  return (
    <Panel title={t('profiles.title')}>
      <p className="text-sm text-slate-600 dark:text-slate-400">{t('profiles.hint')}</p>
      <Button
        variant="secondary"
        data-testid="router-push-profiles"
        disabled={job.pending}
        onClick={() => job.run(() => pushProfilesAction({ routerId }))}
      >
        {t('profiles.button')}
      </Button>
      {job.error && (
        <Alert>
          <JobError error={job.error} />
        </Alert>
      )}
      {job.jobId && (
        <JobStatus jobId={job.jobId}>
          {(j) => <ProfilesResultView result={j.result} testId="profiles-result-live" />}
        </JobStatus>
      )}
    </Panel>
  );
}

function importIdOf(job: WatchedJob) {
  const r = job.result as { importId?: unknown } | null;
  return typeof r?.importId === 'string' ? r.importId : null;
}

export function ImportFromRouter({ routerId }: { routerId: string }) {
  const t = useTranslations('routers');
  const router = useRouter();
  const job = useQueuedJob();
  // The preview is the next step: open it as soon as the router has been read.
  const open = useCallback(
    (j: WatchedJob) => {
      const importId = importIdOf(j);
      if (j.state === 'done' && importId) router.push(`/routers/${routerId}/import/${importId}`);
    },
    [router, routerId],
  );
  return (
    <Panel title={t('import.title')}>
      <p className="text-sm text-slate-600 dark:text-slate-400">{t('import.hint')}</p>
      <Button
        variant="secondary"
        data-testid="router-import"
        disabled={job.pending}
        onClick={() => job.run(() => startRouterImportAction({ routerId }))}
      >
        {t('import.button')}
      </Button>
      {job.error && (
        <Alert>
          <JobError error={job.error} />
        </Alert>
      )}
      {job.jobId && (
        <JobStatus jobId={job.jobId} onFinished={open}>
          {(j) => {
            const importId = importIdOf(j);
            const r = j.result as { pppoe?: number; hotspot?: number };
            return (
              importId && (
                <div className="space-y-2 text-sm">
                  <p>{t('import.read', { pppoe: r.pppoe ?? 0, hotspot: r.hotspot ?? 0 })}</p>
                  <Link href={`/routers/${routerId}/import/${importId}`} className={buttonClass('primary')}>
                    {t('import.openPreview')}
                  </Link>
                </div>
              )
            );
          }}
        </JobStatus>
      )}
    </Panel>
  );
}

export function DeleteRouter({ routerId, name }: { routerId: string; name: string }) {
  const t = useTranslations('routers');
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="space-y-2">
      {error && <Alert>{error}</Alert>}
      <ConfirmButton
        testId="router-delete"
        label={t('delete')}
        message={t('deleteConfirm', { name })}
        onConfirm={async () => {
          const r = await deleteRouterAction({ routerId });
          if (r.ok) {
            router.push('/routers');
            router.refresh();
          } else setError(r.message);
        }}
      />
    </div>
  );
}
