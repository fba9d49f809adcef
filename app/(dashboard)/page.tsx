import { getLocale, getTranslations } from 'next-intl/server';
import { TaskProblems } from '@/components/jobs/task-problems';
import { Card, PageHeader } from '@/components/ui/card';
import { auditActionLabel } from '@/lib/audit/labels';
import { requirePage } from '@/lib/auth/context';
import { dashboardOp } from '@/lib/dashboard/operations';
import { formatDateTime, formatIDR } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';

export default async function DashboardPage() {
  const { info, ctx, read } = await requirePage('dashboard.view');
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const { members, activeJobs, failedJobs, money, recent, problems } = await read(dashboardOp, {});
  const stats = [
    ...(money
      ? [
          { label: t('dashboard.customersActive'), value: money.active },
          { label: t('dashboard.customersIsolated'), value: money.isolated },
          { label: t('dashboard.outstanding', { count: money.unpaid }), value: formatIDR(money.outstanding) },
          { label: t('dashboard.collected'), value: formatIDR(money.collected) },
        ]
      : []),
    { label: t('dashboard.members'), value: members },
    { label: t('dashboard.jobsActive'), value: activeJobs },
    { label: t('dashboard.jobsFailed'), value: failedJobs },
  ];
  return (
    <div className="space-y-4">
      <PageHeader
        title={t('dashboard.welcome', { name: info.user.name })}
        subtitle={t('dashboard.yourRole', { org: info.org!.name, role: t(`roles.names.${ctx.role}`) })}
      />
      <TaskProblems problems={problems} locale={locale} timeZone={info.org!.timezone} />
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4" data-testid="dashboard-stats">
        {stats.map((s) => (
          <Card key={s.label}>
            <p className="text-sm text-slate-500">{s.label}</p>
            <p className="mt-1 text-xl font-semibold sm:text-2xl">{s.value}</p>
          </Card>
        ))}
      </div>
      {recent && (
        <Card>
          <h2 className="mb-2 font-semibold">{t('dashboard.recentActivity')}</h2>
          {recent.items.length === 0 ? (
            <p className="text-sm text-slate-500">{t('dashboard.noActivity')}</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm dark:divide-slate-800">
              {recent.items.map((e) => (
                <li key={e.id} className="flex flex-col py-2 sm:flex-row sm:justify-between">
                  <span>
                    <span className="font-medium">{e.actorName ?? t('audit.system')}</span> ·{' '}
                    <span data-testid="activity-action">{auditActionLabel(locale, e.action)}</span>
                  </span>
                  <span className="text-slate-500">{formatDateTime(e.createdAt, locale, info.org!.timezone)}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      )}
    </div>
  );
}
