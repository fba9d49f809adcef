import { getLocale, getTranslations } from 'next-intl/server';
import { EmptyState, PageHeader } from '@/components/ui/card';
import { DateField } from '@/components/ui/date-field';
import { FilterSelect } from '@/components/ui/filter-select';
import { SearchForm } from '@/components/ui/search-form';
import { STACKED_ROW, StackedCell, StackedTable } from '@/components/ui/stacked-table';
import { Pager } from '@/components/ui/table';
import { auditActionLabel } from '@/lib/audit/labels';
import { listAuditOp } from '@/lib/audit/operations';
import { requirePage } from '@/lib/auth/context';
import { formatDateTime, isDay, zonedDayStart } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { executeOperation } from '@/lib/server/operation';

const AUDIT_YEARS: [number, number] = [new Date().getFullYear() - 10, new Date().getFullYear()];

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { info, ctx } = await requirePage('audit.view');
  const sp = await searchParams;
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const filters = {
    q: sp.q || undefined,
    action: sp.action || undefined,
    apiKeyId: sp.key || undefined,
    // Days in the organization's zone: from its first moment, "to" up to its last.
    from: isDay(sp.from) ? zonedDayStart(sp.from, info.org!.timezone).toISOString() : undefined,
    to: isDay(sp.to) ? new Date(zonedDayStart(sp.to, info.org!.timezone, 1).getTime() - 1).toISOString() : undefined,
    cursor: sp.cursor || undefined,
  };
  const result = await executeOperation(listAuditOp, ctx, filters);
  const data = result.ok ? result.data : { page: { items: [], nextCursor: null }, actions: [], apiKeys: [] };
  return (
    <div>
      <PageHeader title={t('audit.title')} subtitle={t('audit.subtitle')} />
      <SearchForm q={sp.q} placeholder={t('audit.searchPlaceholder')} submitLabel={t('common.filter')}>
        <FilterSelect
          name="action"
          label={t('audit.action')}
          value={sp.action}
          allLabel={t('common.all')}
          className="sm:max-w-56"
          options={data.actions.map((a) => ({ value: a, label: auditActionLabel(locale, a) }))}
        />
        {data.apiKeys.length > 0 && (
          <FilterSelect
            name="key"
            label={t('audit.apiKey')}
            value={sp.key}
            allLabel={t('common.all')}
            className="sm:max-w-56"
            options={data.apiKeys.map((k) => ({ value: k.id, label: `${k.name} (jrg_${k.prefix}…)` }))}
            testId="audit-api-key"
          />
        )}
        <DateField label={t('audit.from')} name="from" defaultValue={sp.from} years={AUDIT_YEARS} />
        <DateField label={t('audit.to')} name="to" defaultValue={sp.to} years={AUDIT_YEARS} />
      </SearchForm>
      {data.page.items.length === 0 ? (
        <EmptyState title={t('audit.emptyTitle')} hint={t('audit.emptyHint')} />
      ) : (
        <StackedTable
          testId="audit-table"
          head={[
            t('audit.when'),
            t('audit.actor'),
            t('audit.action'),
            t('audit.entity'),
            t('audit.ip'),
            t('audit.details'),
          ]}
        >
          {data.page.items.map((e) => (
            <tr key={e.id} data-testid="audit-row" className={STACKED_ROW.page}>
              <StackedCell label={t('audit.when')} className="col-span-2 md:col-span-1 md:whitespace-nowrap">
                {formatDateTime(e.createdAt, locale, info.org!.timezone)}
              </StackedCell>
              <StackedCell label={t('audit.actor')} className="col-span-2 md:col-span-1">
                <div>
                  {e.actorName ?? t('audit.system')}
                  {e.apiKeyName && (
                    <span data-testid="audit-api-key-name">
                      {' · '}
                      {t('audit.viaApiKey', { name: e.apiKeyName })}
                    </span>
                  )}
                </div>
                <div className="break-all text-xs text-slate-500">{e.actorEmail ?? ''}</div>
              </StackedCell>
              <StackedCell label={t('audit.action')} className="col-span-2 md:col-span-1">
                <div>{auditActionLabel(locale, e.action)}</div>
                <code className="break-all text-xs text-slate-500">{e.action}</code>
              </StackedCell>
              <StackedCell label={t('audit.entity')}>
                <div>{e.entityType}</div>
                <div className="truncate text-xs text-slate-500 md:max-w-40" title={e.entityId ?? ''}>
                  {e.entityId ?? ''}
                </div>
              </StackedCell>
              <StackedCell label={t('audit.ip')} className="break-all">
                {e.ip ?? '—'}
              </StackedCell>
              {Object.keys(e.data).length > 0 ? (
                <StackedCell label={t('audit.details')} className="col-span-2 md:col-span-1">
                  <code className="block whitespace-pre-wrap break-all text-xs text-slate-600 md:max-w-xs dark:text-slate-400">
                    {JSON.stringify(e.data)}
                  </code>
                </StackedCell>
              ) : (
                <StackedCell className="max-md:hidden">{null}</StackedCell>
              )}
            </tr>
          ))}
        </StackedTable>
      )}
      <Pager
        basePath="/audit"
        params={{ q: sp.q, action: sp.action, key: sp.key, from: sp.from, to: sp.to, cursor: sp.cursor }}
        nextCursor={data.page.nextCursor}
        labels={{ next: t('common.next'), first: t('common.first') }}
      />
    </div>
  );
}
