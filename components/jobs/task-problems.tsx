import { getTranslations } from 'next-intl/server';
import { Alert } from '@/components/ui/card';
import { formatDateTime } from '@/lib/format';
import type { Locale } from '@/lib/i18n/config';
import type { TaskProblem } from '@/lib/jobs/task-status';

/**
 * The periodic passes whose last run failed: on an organization's dashboard (its own) and
 * on the super admin's organizations page (every organization, with its name).
 */
export async function TaskProblems({
  problems,
  locale,
  timeZone,
  platform = false,
}: {
  problems: TaskProblem[];
  locale: Locale;
  timeZone: string;
  platform?: boolean;
}) {
  if (problems.length === 0) return null;
  const t = await getTranslations('taskStatus');
  return (
    <Alert kind="warning">
      <div data-testid="task-problems">
        <p className="font-semibold">{t(platform ? 'platformTitle' : 'title')}</p>
        <p className="mt-1">{t(platform ? 'platformIntro' : 'intro')}</p>
        <ul className="mt-2 space-y-2">
          {problems.map((p) => (
            <li key={`${p.organizationId}:${p.task}`} className="break-words">
              <p className="font-medium">
                {platform ? `${p.organizationName} · ` : ''}
                {t(`tasks.${p.task}`)}
              </p>
              <p>{t(`errors.${p.error ?? 'unexpected'}`)}</p>
              <p className="text-xs opacity-80">
                {t('failures', { count: p.failures, at: formatDateTime(p.lastFailedAt, locale, timeZone) })}
                {' · '}
                {p.lastOkAt ? t('lastOk', { at: formatDateTime(p.lastOkAt, locale, timeZone) }) : t('neverOk')}
              </p>
            </li>
          ))}
        </ul>
      </div>
    </Alert>
  );
}
