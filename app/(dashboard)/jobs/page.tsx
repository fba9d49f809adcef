import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui/card';
import { JOB_STATES, type JobState } from '@/db/schema';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { listJobsOp } from '@/lib/jobs/operations';
import { JobsList, WorkerCheckButton } from './jobs-list';

export default async function JobsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { info, ctx, read } = await requirePage('jobs.view');
  const sp = await searchParams;
  const state = JOB_STATES.includes(sp.state as JobState) ? (sp.state as JobState) : undefined;
  const t = await getTranslations('jobs');
  const page = await read(listJobsOp, { state, cursor: sp.cursor });
  return (
    <div>
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        actions={can(ctx.role, 'jobs.run') && <WorkerCheckButton />}
      />
      <JobsList
        initial={JSON.parse(JSON.stringify(page))}
        state={state}
        cursor={sp.cursor}
        canRetry={can(ctx.role, 'jobs.retry')}
        timeZone={info.org!.timezone}
      />
    </div>
  );
}
