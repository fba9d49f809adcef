import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { BarChart } from '@/components/charts/bar-chart';
import { CHART_COLORS } from '@/components/charts/format';
import { StatTile } from '@/components/charts/stat-tile';
import { JobError } from '@/components/job-error';
import { RouterStatusBadge, toErrorKind } from '@/components/network/router-status';
import { Card } from '@/components/ui/card';
import type { NocDashboard } from '@/lib/dashboard/noc';
import { formatDateTime } from '@/lib/format';
import type { Locale } from '@/lib/i18n/config';

export async function NetworkTiles({ n, jobsLink }: { n: NocDashboard; jobsLink: boolean }) {
  const t = await getTranslations('dashboard');
  return (
    <>
      <StatTile
        label={t('routersOnline')}
        value={n.routersOnline}
        href="/routers"
        tone="green"
        testId="stat-routers-online"
      />
      <StatTile
        label={t('routersOffline')}
        value={n.routersOffline}
        href="/routers"
        tone={n.routersOffline ? 'red' : undefined}
        testId="stat-routers-offline"
      />
      <StatTile
        label={t('onlineNow')}
        value={n.onlineNow}
        hint={t('onlineHint', { count: n.shouldBeOnline })}
        href="/sessions"
        testId="stat-online"
      />
      <StatTile
        label={t('failedJobs')}
        value={n.failedJobs.total}
        href={jobsLink ? '/jobs?state=failed' : null}
        tone={n.failedJobs.total ? 'red' : undefined}
        testId="stat-failed-jobs"
      />
    </>
  );
}

export async function NetworkDetail({
  n,
  locale,
  timeZone,
  jobsLink,
}: {
  n: NocDashboard;
  locale: Locale;
  timeZone: string;
  jobsLink: boolean;
}) {
  const t = await getTranslations();
  const sessions = n.routers.map((r) => ({
    label: r.name,
    href: r.mode === 'radius' ? '/sessions?source=radius' : `/sessions?routerId=${r.id}`,
    sessions: r.sessions,
  }));
  return (
    <div className="grid gap-3 lg:grid-cols-2">
      <Card className="min-w-0">
        <h3 className="mb-2 font-semibold">{t('dashboard.routers')}</h3>
        {n.routers.length === 0 ? (
          <p className="text-sm text-slate-500">{t('dashboard.noRouters')}</p>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm dark:divide-slate-800" data-testid="router-list">
            {n.routers.map((r) => (
              <li key={r.id}>
                <Link href={`/routers/${r.id}`} className="flex min-h-11 flex-col justify-center gap-0.5 py-1.5">
                  <span className="flex flex-wrap items-center justify-between gap-2">
                    <span className="font-medium">{r.name}</span>
                    <RouterStatusBadge status={r.status} errorKind={r.lastErrorKind} />
                  </span>
                  <span className="text-xs text-slate-500">
                    {t('dashboard.sessionsCount', { count: r.sessions })}
                    {r.lastCheckedAt ? ` · ${formatDateTime(r.lastCheckedAt, locale, timeZone)}` : ''}
                  </span>
                  {r.status === 'offline' && r.lastErrorKind && (
                    <span className="text-xs text-red-700 dark:text-red-400">
                      {t('dashboard.lastError', { error: t(`routers.errorKinds.${toErrorKind(r.lastErrorKind)}`) })}
                    </span>
                  )}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card className="min-w-0">
        <h3 className="mb-2 font-semibold">{t('dashboard.sessionsPerRouter')}</h3>
        {sessions.length ? (
          <BarChart
            title={t('dashboard.sessionsPerRouter')}
            data={sessions}
            format="count"
            locale={locale}
            horizontal
            series={[{ key: 'sessions', label: t('dashboard.onlineNow'), color: CHART_COLORS.blue }]}
          />
        ) : (
          <p className="text-sm text-slate-500">{t('dashboard.noRouters')}</p>
        )}
      </Card>
      <Card className="min-w-0 lg:col-span-2">
        <h3 className="mb-2 font-semibold">{t('dashboard.failedJobs')}</h3>
        {n.failedJobs.latest.length === 0 ? (
          <p className="text-sm text-slate-500">{t('dashboard.noFailedJobs')}</p>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm dark:divide-slate-800">
            {n.failedJobs.latest.map((j) => {
              const body = (
                <>
                  <span className="flex flex-wrap justify-between gap-2">
                    <span className="font-medium">
                      {t.has(`jobs.types.${j.type}`) ? t(`jobs.types.${j.type}`) : j.type}
                    </span>
                    <span className="text-xs text-slate-500">{formatDateTime(j.createdAt, locale, timeZone)}</span>
                  </span>
                  {j.error && <JobError error={j.error} className="text-xs" />}
                </>
              );
              return (
                <li key={j.id} className="py-1.5">
                  {jobsLink ? (
                    <Link href="/jobs?state=failed" className="block min-h-11">
                      {body}
                    </Link>
                  ) : (
                    body
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </Card>
    </div>
  );
}
