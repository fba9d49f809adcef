import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { JobError } from '@/components/job-error';
import { JOB_STATE_COLOR } from '@/components/jobs/job-state';
import { JobProgress } from '@/components/jobs/job-watch';
import { RouterJobResult } from '@/components/network/job-results';
import { Badge, Card, EmptyState } from '@/components/ui/card';
import { formatDateTime } from '@/lib/format';
import type { Locale } from '@/lib/i18n/config';
import type { JobState } from '@/lib/jobs/types';
import { routerImport } from '@/lib/network/jobs';

type RouterJob = {
  id: string;
  type: string;
  state: JobState;
  progressDone: number;
  progressTotal: number;
  result: unknown;
  error: string | null;
  createdAt: Date | string;
  finishedAt: Date | string | null;
};

/** The latest jobs about this router, each with its readable result (sync report, check, …). */
export function RouterJobs({
  routerId,
  jobs,
  locale,
  timeZone,
  canImport,
}: {
  routerId: string;
  jobs: RouterJob[];
  locale: Locale;
  timeZone: string;
  canImport: boolean;
}) {
  const t = useTranslations();
  return (
    <section className="space-y-2">
      <h2 className="font-semibold">{t('routers.recentJobs')}</h2>
      {jobs.length === 0 ? (
        <EmptyState title={t('routers.noJobs')} hint={t('routers.noJobsHint')} />
      ) : (
        <ul className="space-y-2" data-testid="router-jobs">
          {jobs.map((j) => {
            const importId =
              j.type === routerImport.name &&
              j.result &&
              typeof (j.result as { importId?: unknown }).importId === 'string'
                ? (j.result as { importId: string }).importId
                : null;
            return (
              <li key={j.id} data-testid="router-job" data-type={j.type} data-state={j.state}>
                <Card className="space-y-2">
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <div className="flex flex-wrap items-center gap-2">
                      <Badge color={JOB_STATE_COLOR[j.state]}>{t(`jobs.states.${j.state}`)}</Badge>
                      <span className="text-sm font-medium">
                        {t.has(`jobs.types.${j.type}`) ? t(`jobs.types.${j.type}`) : j.type}
                      </span>
                    </div>
                    <span className="text-xs text-slate-500">
                      {formatDateTime(j.createdAt, locale, timeZone)}
                      {j.finishedAt && ` → ${formatDateTime(j.finishedAt, locale, timeZone)}`}
                    </span>
                  </div>
                  {(j.state === 'running' || j.state === 'retrying') && (
                    <JobProgress done={j.progressDone} total={j.progressTotal} />
                  )}
                  {j.error && <JobError error={j.error} className="text-sm" />}
                  {j.state === 'done' && <RouterJobResult type={j.type} result={j.result} />}
                  {importId && canImport && (
                    <Link
                      href={`/routers/${routerId}/import/${importId}`}
                      className="text-sm text-brand-700 underline dark:text-brand-500"
                    >
                      {t('routers.import.openPreview')}
                    </Link>
                  )}
                </Card>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
