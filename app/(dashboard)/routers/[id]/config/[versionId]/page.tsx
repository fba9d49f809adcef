import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { formatBytes } from '@/components/network/format';
import { Facts } from '@/components/network/job-results';
import { buttonClass } from '@/components/ui/button';
import { Card, PageHeader } from '@/components/ui/card';
import { requirePage } from '@/lib/auth/context';
import { formatDateTime } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { getConfigVersionOp } from '@/lib/network/config-backups/operations';

/** One saved configuration, as RouterOS exported it, in a box that wraps (never the page sideways). */
export default async function RouterConfigVersionPage({
  params,
}: {
  params: Promise<{ id: string; versionId: string }>;
}) {
  const { info, read } = await requirePage('routers.view');
  const { id, versionId } = await params;
  const t = await getTranslations('routerConfig');
  const locale = toLocale(await getLocale());
  const when = (d: Date) => formatDateTime(d, locale, info.org!.timezone);
  const v = await read(getConfigVersionOp, { routerId: id, versionId });
  return (
    <div className="space-y-4">
      <PageHeader
        title={t('view.title', { date: when(v.takenAt) })}
        subtitle={v.routerName}
        actions={
          <a href={`/api/routers/${id}/config/${v.id}`} className={buttonClass('secondary')} download>
            {t('versions.download')}
          </a>
        }
      />
      <Link href={`/routers/${id}#router-config`} className="text-sm text-brand-700 underline dark:text-brand-500">
        ← {v.routerName}
      </Link>
      <Card>
        <Facts
          rows={[
            [t('versions.takenAt'), when(v.takenAt)],
            [t('view.seen'), when(v.lastSeenAt)],
            [t('versions.trigger.label'), t(`versions.trigger.${v.trigger}`)],
            [t('versions.size'), `${formatBytes(v.sizeBytes)} · ${t('versions.lines', { count: v.lineCount })}`],
            [t('versions.routeros'), v.routerosVersion ?? '—'],
          ]}
        />
      </Card>
      <pre
        className="max-h-[70vh] overflow-auto whitespace-pre-wrap rounded-xl border border-slate-200 bg-slate-50 p-3 font-mono text-xs leading-5 [overflow-wrap:anywhere] dark:border-slate-800 dark:bg-slate-950"
        data-testid="router-config-text"
      >
        {v.text}
      </pre>
    </div>
  );
}
