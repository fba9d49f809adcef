'use client';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { type ReactNode, useEffect, useRef } from 'react';
import { JobError } from '@/components/job-error';
import { Badge } from '@/components/ui/card';
import type { JobState } from '@/lib/jobs/types';
import { JOB_STATE_COLOR } from './job-state';

/** The shape GET /api/jobs/<id> answers with (lib/jobs/queries.ts getJob), dates as strings. */
export type WatchedJob = {
  id: string;
  type: string;
  state: JobState;
  progressDone: number;
  progressTotal: number;
  result: unknown;
  error: string | null;
  attempts: number;
  maxAttempts: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
};

const FINISHED: JobState[] = ['done', 'failed'];

class JobFetchError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** Follows one job: polls every second until it is done or failed, then stops. */
export function useJob(jobId: string | null | undefined) {
  return useQuery<WatchedJob, JobFetchError>({
    queryKey: ['job', jobId],
    enabled: Boolean(jobId),
    queryFn: async () => {
      const res = await fetch(`/api/jobs/${jobId}`, { cache: 'no-store' });
      const body = await res.json().catch(() => ({}));
      if (!res.ok) throw new JobFetchError(body.message ?? res.statusText, res.status);
      return body as WatchedJob;
    },
    // A 403 (role without jobs.view) or 404 will not get better by asking again.
    retry: (count, error) => error.status >= 500 && count < 3,
    refetchInterval: (q) => (q.state.error || (q.state.data && FINISHED.includes(q.state.data.state)) ? false : 1000),
    staleTime: 0,
  });
}

export function JobProgress({ done, total }: { done: number; total: number }) {
  if (total <= 0) return null;
  const pct = Math.min(100, Math.round((done / total) * 100));
  return (
    <div className="w-full max-w-xs" title={`${done}/${total}`}>
      <div
        className="h-2 rounded-full bg-slate-200 dark:bg-slate-700"
        role="progressbar"
        aria-valuenow={pct}
        aria-valuemin={0}
        aria-valuemax={100}
      >
        <div className="h-2 rounded-full bg-brand-600 transition-all" style={{ width: `${pct}%` }} />
      </div>
      <span className="text-xs text-slate-500">
        {done}/{total} ({pct}%)
      </span>
    </div>
  );
}

/**
 * A queued job, live: state badge, progress bar and error. `children` renders the result
 * once the job is done; `onFinished` runs once when it ends (e.g. to refresh the page).
 */
export function JobStatus({
  jobId,
  children,
  onFinished,
  testId,
}: {
  jobId: string;
  children?: (job: WatchedJob) => ReactNode;
  onFinished?: (job: WatchedJob) => void;
  testId?: string;
}) {
  const t = useTranslations('jobs');
  const { data: job, error } = useJob(jobId);
  const notified = useRef<string | null>(null);
  const finished = job && FINISHED.includes(job.state);
  useEffect(() => {
    if (job && finished && notified.current !== job.id) {
      notified.current = job.id;
      onFinished?.(job);
    }
  }, [job, finished, onFinished]);

  if (error) {
    return (
      <p className="text-sm text-slate-600 dark:text-slate-400" data-testid={testId} data-state="unknown">
        {error.status === 403 ? t('watch.noAccess') : error.message}
      </p>
    );
  }
  if (!job) {
    return (
      <p className="text-sm text-slate-500" data-testid={testId} data-state="loading">
        {t('watch.waiting')}
      </p>
    );
  }
  return (
    <div className="space-y-2" data-testid={testId} data-state={job.state} aria-live="polite">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <Badge color={JOB_STATE_COLOR[job.state]}>{t(`states.${job.state}`)}</Badge>
        <span className="text-slate-600 dark:text-slate-400">
          {t.has(`types.${job.type}`) ? t(`types.${job.type}`) : job.type}
        </span>
        {job.state === 'retrying' && (
          <span className="text-xs text-slate-500">
            {t('attempts')}: {job.attempts}/{job.maxAttempts}
          </span>
        )}
      </div>
      {!finished && <JobProgress done={job.progressDone} total={job.progressTotal} />}
      {job.error && (job.state === 'failed' || job.state === 'retrying') && (
        <JobError error={job.error} className="text-sm" />
      )}
      {job.state === 'done' && children?.(job)}
    </div>
  );
}
