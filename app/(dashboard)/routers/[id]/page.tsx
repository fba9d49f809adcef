import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { RouterStatusBadge } from '@/components/network/router-status';
import { MarkDownButton } from '@/components/outages/mark-down-button';
import { AutoRefresh } from '@/components/ui/auto-refresh';
import { buttonClass } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/card';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { toLocale } from '@/lib/i18n/config';
import { configBackupStatusOp, listConfigVersionsOp } from '@/lib/network/config-backups/operations';
import { getRouterOp } from '@/lib/network/operations';
import { RouterForm } from '../_components/router-form';
import { DeleteRouter, ImportFromRouter, PushProfiles, SyncNow, TestConnection } from './_components/router-actions';
import { RouterConfigSection } from './_components/router-config-section';
import { RouterJobs } from './_components/router-jobs';
import { InterfacesTable, RouterSettingsCard, RouterStatusCard } from './_components/router-status-card';

export default async function RouterPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { info, ctx, read } = await requirePage('routers.view');
  const { id } = await params;
  const sp = await searchParams;
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const tz = info.org!.timezone;
  const { router, jobs } = await read(getRouterOp, { routerId: id });
  const configCursor = sp.configCursor || undefined;
  const [configStatus, configVersions] = await Promise.all([
    read(configBackupStatusOp, { routerId: id }),
    read(listConfigVersionsOp, { routerId: id, cursor: configCursor }),
  ]);
  const manage = can(ctx.role, 'routers.manage');
  const sync = can(ctx.role, 'routers.sync');
  const canImport = can(ctx.role, 'routers.import');
  const editing = manage && sp.edit === '1';
  return (
    <div className="space-y-4">
      {/* Status, interfaces and jobs stay current; not while a form is open. */}
      {!editing && <AutoRefresh seconds={15} />}
      <PageHeader
        title={router.name}
        subtitle={`${router.host}:${router.port}${router.area ? ` · ${router.area}` : ''}`}
        actions={
          <>
            <RouterStatusBadge status={router.status} errorKind={router.lastErrorKind} />
            {can(ctx.role, 'outages.manage') && <MarkDownButton elementType="router" elementId={router.id} />}
            {manage && !editing && (
              <Link
                href={`/routers/${router.id}?edit=1`}
                className={buttonClass('secondary')}
                data-testid="router-edit"
              >
                {t('routers.edit')}
              </Link>
            )}
          </>
        }
      />
      <Link href="/routers" className="text-sm text-brand-700 underline dark:text-brand-500">
        ← {t('routers.backToList')}
      </Link>
      {editing && <RouterForm router={JSON.parse(JSON.stringify(router))} cancelHref={`/routers/${router.id}`} />}
      <div className="grid gap-4 lg:grid-cols-2">
        <RouterStatusCard router={router} locale={locale} timeZone={tz} />
        <RouterSettingsCard router={router} />
      </div>
      <InterfacesTable router={router} />
      {(manage || sync || canImport) && (
        <div className="grid gap-4 lg:grid-cols-2">
          {manage && <TestConnection routerId={router.id} />}
          {sync && <SyncNow routerId={router.id} />}
          {sync && <PushProfiles routerId={router.id} />}
          {canImport && <ImportFromRouter routerId={router.id} />}
        </div>
      )}
      <RouterConfigSection
        routerId={router.id}
        status={configStatus}
        versions={configVersions}
        manage={manage}
        locale={locale}
        timeZone={tz}
        cursor={configCursor}
      />
      <RouterJobs
        routerId={router.id}
        jobs={JSON.parse(JSON.stringify(jobs))}
        locale={locale}
        timeZone={tz}
        canImport={canImport}
      />
      {manage && (
        <section className="border-t border-slate-200 pt-4 dark:border-slate-800">
          <h2 className="mb-1 font-semibold">{t('routers.dangerZone')}</h2>
          <p className="mb-2 text-sm text-slate-600 dark:text-slate-400">{t('routers.deleteHint')}</p>
          <DeleteRouter routerId={router.id} name={router.name} />
        </section>
      )}
    </div>
  );
}
