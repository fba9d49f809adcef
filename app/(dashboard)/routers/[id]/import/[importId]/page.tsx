import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { Alert, Badge, Card, EmptyState, PageHeader } from '@/components/ui/card';
import { Table, Td } from '@/components/ui/table';
import { requirePage } from '@/lib/auth/context';
import { formatDateTime } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { routerImportPreviewOp } from '@/lib/network/operations';
import { ImportMappingForm } from './import-client';

export default async function RouterImportPage({ params }: { params: Promise<{ id: string; importId: string }> }) {
  const { info, read } = await requirePage('routers.import');
  const { id, importId } = await params;
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const preview = await read(routerImportPreviewOp, { importId });
  if (preview.routerId !== id) notFound();
  const newEntries = preview.profiles.reduce((n, p) => n + p.count, 0);
  return (
    <div className="space-y-4">
      <PageHeader
        title={t('routers.import.previewTitle', { name: preview.routerName })}
        subtitle={t('routers.import.previewSubtitle')}
      />
      <Link href={`/routers/${id}`} className="text-sm text-brand-700 underline dark:text-brand-500">
        ← {preview.routerName}
      </Link>
      {preview.importedAt && (
        <Alert kind="success">
          <span data-testid="router-import-already">
            {t('routers.import.already', {
              when: formatDateTime(preview.importedAt, locale, info.org!.timezone),
              count: preview.importedCount ?? 0,
            })}
          </span>
        </Alert>
      )}
      <Card>
        <dl className="grid grid-cols-3 gap-2 text-center" data-testid="router-import-totals">
          <div>
            <dt className="text-xs text-slate-500">{t('routers.import.totalRead')}</dt>
            <dd className="text-xl font-semibold">{preview.total}</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">{t('routers.import.existing')}</dt>
            <dd className="text-xl font-semibold">{preview.existing}</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">{t('routers.import.new')}</dt>
            <dd className="text-xl font-semibold">{newEntries}</dd>
          </div>
        </dl>
        {preview.withoutPassword > 0 && (
          // Without the `sensitive` policy RouterOS lists secrets without their password; such an
          // entry cannot become a working subscription, so it is left out until read again.
          <div
            role="alert"
            className="mt-3 space-y-2 rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-200"
            data-testid="router-import-without-password"
          >
            <p>{t('routers.import.withoutPassword', { count: preview.withoutPassword })}</p>
            <code className="block overflow-x-auto whitespace-nowrap rounded bg-white/70 px-2 py-1 text-xs dark:bg-black/30">
              /user group set jaring policy=read,write,api,test,sensitive
            </code>
            <p>
              {t('routers.import.withoutPasswordThen')}{' '}
              <Link href={`/routers/${id}`} className="font-medium underline">
                {t('routers.import.readAgain')}
              </Link>
            </p>
          </div>
        )}
        {preview.duplicates > 0 && (
          <p className="mt-3 text-sm text-slate-600 dark:text-slate-400" data-testid="router-import-duplicates">
            {t('routers.import.duplicates', { count: preview.duplicates })}
          </p>
        )}
      </Card>
      {preview.profiles.length === 0 ? (
        <EmptyState
          title={t('routers.import.nothingNew')}
          hint={t(
            preview.nothingNewReason === 'router_empty'
              ? 'routers.import.emptyRouterHint'
              : 'routers.import.nothingNewHint',
          )}
        />
      ) : (
        <ImportMappingForm
          importId={preview.id}
          profiles={preview.profiles}
          plans={preview.plans}
          done={Boolean(preview.importedAt)}
          schedule={{ today: preview.schedule.today, settings: preview.schedule.settings }}
        />
      )}
      {preview.sample.length > 0 && (
        <section>
          <h2 className="mb-2 font-semibold">
            {t('routers.import.sample', { count: preview.sample.length, total: preview.total })}
          </h2>
          <Table
            testId="router-import-sample"
            head={[
              t('routers.import.username'),
              t('routers.import.kind'),
              t('routers.import.profile'),
              t('routers.import.comment'),
              '',
            ]}
          >
            {preview.sample.map((e) => (
              <tr key={`${e.kind}:${e.name}`}>
                <Td>
                  <code>{e.name}</code>
                </Td>
                <Td>{t(`serviceTypes.${e.kind}`)}</Td>
                <Td>
                  <code>{e.profile}</code>
                </Td>
                <Td className="text-xs">{e.comment ?? ''}</Td>
                <Td className="space-x-1 whitespace-nowrap">
                  {e.disabled && <Badge color="slate">{t('routers.import.disabled')}</Badge>}
                  {e.exists && <Badge color="amber">{t('routers.import.exists')}</Badge>}
                </Td>
              </tr>
            ))}
          </Table>
          <p className="mt-1 text-xs text-slate-500">{t('routers.import.disabledHint')}</p>
        </section>
      )}
    </div>
  );
}
