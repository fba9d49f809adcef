'use client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { retryJobAction, runWorkerCheckAction } from '@/app/_actions/jobs';
import { JobError } from '@/components/job-error';
import { JOB_STATE_COLOR } from '@/components/jobs/job-state';
import { Button, buttonClass } from '@/components/ui/button';
import { Alert, Badge, EmptyState } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { STACKED_ROW, StackedCell, StackedTable } from '@/components/ui/stacked-table';
import { Pager } from '@/components/ui/table';
import { formatDateTime } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { JOB_STATES, type JobState } from '@/lib/jobs/types';

type JobItem = {
  id: string;
  type: string;
  state: JobState;
  progressDone: number;
  progressTotal: number;
  result: Record<string, unknown> | null;
  error: string | null;
  attempts: number;
  maxAttempts: number;
  createdAt: string;
  finishedAt: string | null;
  createdByName: string | null;
};
type JobsPage = { items: JobItem[]; nextCursor: string | null };

const ACTIVE: JobState[] = ['queued', 'running', 'retrying'];

export function WorkerCheckButton() {
  const t = useTranslations('jobs');
  const queryClient = useQueryClient();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <div className="flex items-center gap-2">
      {message && <span className="text-sm text-slate-600 dark:text-slate-400">{message}</span>}
      <Button
        data-testid="worker-check"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const r = await runWorkerCheckAction({});
            setMessage(r.ok ? t('workerCheckQueued') : r.message);
            await queryClient.invalidateQueries({ queryKey: ['jobs'] });
          })
        }
      >
        {t('workerCheck')}
      </Button>
    </div>
  );
}

export function JobsList(props: {
  initial: JobsPage;
  state?: JobState;
  cursor?: string;
  canRetry: boolean;
  timeZone: string;
}) {
  const t = useTranslations();
  const locale = toLocale(useLocale());
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const params = new URLSearchParams();
  if (props.state) params.set('state', props.state);
  if (props.cursor) params.set('cursor', props.cursor);
  const { data } = useQuery<JobsPage>({
    queryKey: ['jobs', props.state ?? '', props.cursor ?? ''],
    queryFn: async () => {
      const res = await fetch(`/api/jobs?${params}`);
      if (!res.ok) throw new Error((await res.json()).message);
      return res.json();
    },
    initialData: props.initial,
    // Poll while anything is still moving, so progress and results appear without a reload.
    refetchInterval: (q) => (q.state.data?.items.some((j) => ACTIVE.includes(j.state)) ? 1500 : 10_000),
  });

  return (
    <div className="space-y-3">
      {/* biome-ignore lint/a11y/useSemanticElements: a row of filter links, not form fields (no <fieldset>) */}
      <div className="flex flex-wrap gap-2" role="group" aria-label={t('common.status')}>
        {[undefined, ...JOB_STATES].map((s) => (
          <Link
            key={s ?? 'all'}
            href={s ? `/jobs?state=${s}` : '/jobs'}
            className={buttonClass(props.state === s ? 'primary' : 'secondary', 'px-3')}
          >
            {s ? t(`jobs.states.${s}`) : t('common.all')}
          </Link>
        ))}
      </div>
      {error && <Alert>{error}</Alert>}
      {data.items.length === 0 ? (
        <EmptyState title={t('jobs.emptyTitle')} hint={t('jobs.emptyHint')} />
      ) : (
        <StackedTable
          testId="jobs-table"
          head={[
            t('jobs.type'),
            t('common.status'),
            t('jobs.progress'),
            t('jobs.attempts'),
            t('jobs.result'),
            t('common.createdAt'),
            '',
          ]}
        >
          {data.items.map((job) => (
            <tr key={job.id} data-testid="job-row" data-state={job.state} className={STACKED_ROW.page}>
              <StackedCell className="col-span-2 md:col-span-1">
                <div className="font-medium">
                  {t.has(`jobs.types.${job.type}`) ? t(`jobs.types.${job.type}`) : job.type}
                </div>
                <div className="text-xs text-slate-500">{job.createdByName ?? ''}</div>
              </StackedCell>
              <StackedCell label={t('common.status')}>
                <Badge color={JOB_STATE_COLOR[job.state]}>{t(`jobs.states.${job.state}`)}</Badge>
              </StackedCell>
              <StackedCell label={t('jobs.progress')}>
                <Progress done={job.progressDone} total={job.progressTotal} />
              </StackedCell>
              <StackedCell label={t('jobs.attempts')}>
                {job.attempts}/{job.maxAttempts}
              </StackedCell>
              <StackedCell label={t('jobs.result')} className="col-span-2 md:col-span-1 md:max-w-xs">
                {job.error && <JobError error={job.error} />}
                {job.result && Object.keys(job.result).length > 0 && (
                  <pre className="max-h-32 overflow-auto whitespace-pre-wrap break-all text-xs text-slate-600 dark:text-slate-400">
                    {JSON.stringify(job.result, null, 1)}
                  </pre>
                )}
              </StackedCell>
              <StackedCell label={t('common.createdAt')} className="col-span-2 md:col-span-1 md:whitespace-nowrap">
                {formatDateTime(job.createdAt, locale, props.timeZone)}
              </StackedCell>
              <StackedCell className="col-span-2 md:col-span-1">
                {props.canRetry && job.state === 'failed' && (
                  <ConfirmButton
                    variant="secondary"
                    label={t('jobs.retry')}
                    message={t('jobs.retryConfirm')}
                    onConfirm={async () => {
                      const r = await retryJobAction({ jobId: job.id });
                      setError(r.ok ? null : r.message);
                      await queryClient.invalidateQueries({ queryKey: ['jobs'] });
                    }}
                  />
                )}
              </StackedCell>
            </tr>
          ))}
        </StackedTable>
      )}
      <Pager
        basePath="/jobs"
        params={{ state: props.state, cursor: props.cursor }}
        nextCursor={data.nextCursor}
        labels={{ next: t('common.next'), first: t('common.first') }}
      />
    </div>
  );
}

function Progress({ done, total }: { done: number; total: number }) {
  if (total <= 0) return <span className="text-slate-400">—</span>;
  const pct = Math.round((done / total) * 100);
  return (
    <div className="w-28" title={`${done}/${total}`}>
      <div className="h-2 rounded-full bg-slate-200 dark:bg-slate-700">
        <div className="h-2 rounded-full bg-brand-600" style={{ width: `${pct}%` }} />
      </div>
      <span className="text-xs text-slate-500">
        {done}/{total} ({pct}%)
      </span>
    </div>
  );
}
