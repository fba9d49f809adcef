import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';
import { Badge, EmptyState, PageHeader } from '@/components/ui/card';
import { FilterSelect } from '@/components/ui/filter-select';
import { STACKED_ROW, StackedCell, StackedTable } from '@/components/ui/stacked-table';
import { Pager } from '@/components/ui/table';
import { apiKeyCallsOp } from '@/lib/api/key-operations';
import { requirePage } from '@/lib/auth/context';
import { formatDateTime } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { executeOperation } from '@/lib/server/operation';

const CLASSES = ['2xx', '3xx', '4xx', '5xx'] as const;
const statusColor = (s: number) => (s < 300 ? 'green' : s < 400 ? 'blue' : s < 500 ? 'amber' : 'red');

/** One API key's calls (kept 90 days), newest first, filtered by the answer's status class. */
export default async function ApiKeyCallsPage({
  params,
  searchParams,
}: {
  params: Promise<{ keyId: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { ctx, info } = await requirePage('api.manage');
  const { keyId } = await params;
  const sp = await searchParams;
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const status = CLASSES.find((c) => c === sp.status);
  const result = await executeOperation(apiKeyCallsOp, ctx, { apiKeyId: keyId, status, cursor: sp.cursor });
  if (!result.ok) notFound();
  const { key, page } = result.data;
  return (
    <div className="max-w-4xl">
      <PageHeader
        title={t('apiKeys.callsTitle', { name: key.name })}
        subtitle={t('apiKeys.callsSubtitle', { prefix: `jrg_${key.prefix}…` })}
        actions={
          <Link href="/settings/api" className={buttonClass('secondary')}>
            {t('apiKeys.back')}
          </Link>
        }
      />
      <form method="get" className="mb-3 flex flex-wrap gap-2">
        <FilterSelect
          name="status"
          label={t('apiKeys.statusClass')}
          value={status}
          allLabel={t('common.all')}
          options={CLASSES.map((c) => ({ value: c, label: t(`apiKeys.classes.${c}`) }))}
          testId="calls-status"
        />
        <button type="submit" className={buttonClass('secondary')}>
          {t('common.filter')}
        </button>
      </form>
      {page.items.length === 0 ? (
        <EmptyState
          title={t('apiKeys.callsEmptyTitle')}
          hint={t(status ? 'apiKeys.callsEmptyFiltered' : 'apiKeys.callsEmptyHint')}
          action={
            <a href="/api/docs" className={buttonClass('secondary')}>
              {t('apiKeys.docs')}
            </a>
          }
        />
      ) : (
        <StackedTable
          testId="api-calls"
          head={[t('apiKeys.when'), t('apiKeys.request'), t('apiKeys.answer'), t('apiKeys.duration'), t('apiKeys.ip')]}
        >
          {page.items.map((c) => (
            <tr key={c.id} data-testid="api-call" className={STACKED_ROW.page}>
              <StackedCell label={t('apiKeys.when')} className="col-span-2 md:col-span-1 md:whitespace-nowrap">
                {formatDateTime(c.createdAt, locale, info.org!.timezone)}
              </StackedCell>
              <StackedCell label={t('apiKeys.request')} className="col-span-2 md:col-span-1">
                <code className="break-all text-xs">
                  {c.method} {c.path}
                </code>
              </StackedCell>
              <StackedCell label={t('apiKeys.answer')}>
                <Badge color={statusColor(c.status)}>{c.status}</Badge>
              </StackedCell>
              <StackedCell label={t('apiKeys.duration')}>{t('apiKeys.ms', { ms: c.durationMs })}</StackedCell>
              <StackedCell label={t('apiKeys.ip')} className="break-all">
                {c.ip ?? '—'}
              </StackedCell>
            </tr>
          ))}
        </StackedTable>
      )}
      <Pager
        basePath={`/settings/api/${key.id}`}
        params={{ status, cursor: sp.cursor }}
        nextCursor={page.nextCursor}
        labels={{ next: t('common.next'), first: t('common.first') }}
      />
    </div>
  );
}
