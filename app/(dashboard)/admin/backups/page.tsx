import { getLocale, getTranslations } from 'next-intl/server';
import { AutoRefresh } from '@/components/ui/auto-refresh';
import { Card, PageHeader } from '@/components/ui/card';
import { Pager } from '@/components/ui/table';
import { requirePage } from '@/lib/auth/context';
import { backupOverviewOp, listBackupRunsOp } from '@/lib/backups/operations';
import { toLocale } from '@/lib/i18n/config';
import { RunNowButton } from './_components/run-now-button';
import { RunsList } from './_components/runs-list';
import { ScheduleForm } from './_components/schedule-form';
import { StatusCard } from './_components/status-card';
import { TargetList } from './_components/target-list';
import type { Json } from './_components/words';

/**
 * Platform → Cadangan: how the platform's backups stand (last good one, next one, the key),
 * *Cadangkan sekarang*, where backups go, the schedule and how many to keep, and every run
 * with its outcome per target. The page refreshes itself while a run or a check is under way.
 */
export default async function BackupsPage({ searchParams }: { searchParams: Promise<{ cursor?: string }> }) {
  const { read } = await requirePage('platform.backups');
  const sp = await searchParams;
  const t = await getTranslations('backups');
  const locale = toLocale(await getLocale());
  const [overview, runs] = await Promise.all([
    read(backupOverviewOp, {}),
    read(listBackupRunsOp, { cursor: sp.cursor }),
  ]);
  const timeZone = overview.settings.timeZone;
  const busy = overview.active !== null || overview.targets.some((target) => target.checking);
  const shown = JSON.parse(JSON.stringify(overview)) as Json<typeof overview>;
  return (
    <div className="min-w-0 max-w-4xl space-y-6">
      {busy && <AutoRefresh seconds={3} />}
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        actions={
          // A run waiting to retry is under way too: a tap would only give that run back.
          <RunNowButton active={overview.active !== null} />
        }
      />
      <StatusCard overview={shown} locale={locale} />
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">{t('targets.title')}</h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">{t('targets.intro')}</p>
        <TargetList targets={shown.targets} locale={locale} timeZone={timeZone} />
      </section>
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">{t('schedule.title')}</h2>
        <Card>
          <ScheduleForm settings={overview.settings} />
        </Card>
      </section>
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">{t('runs.title')}</h2>
        <RunsList runs={JSON.parse(JSON.stringify(runs.items))} locale={locale} timeZone={timeZone} />
        <Pager
          basePath="/admin/backups"
          params={{ cursor: sp.cursor }}
          nextCursor={runs.nextCursor}
          labels={{ next: t('runs.older'), first: t('runs.newest') }}
        />
      </section>
    </div>
  );
}
