import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';
import { Badge, EmptyState, PageHeader } from '@/components/ui/card';
import { SearchForm, searchParam } from '@/components/ui/search-form';
import { STACKED_ROW, StackedCell, StackedTable } from '@/components/ui/stacked-table';
import { Pager } from '@/components/ui/table';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { LEAD_STATUSES, type LeadStatus } from '@/lib/customers/constants';
import { listLeadsOp } from '@/lib/customers/operations';
import { formatDateTime } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';

const COLOR = { new: 'blue', converted: 'green', rejected: 'slate' } as const;

export default async function LeadsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { info, ctx, read } = await requirePage('leads.view');
  const sp = await searchParams;
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const status = LEAD_STATUSES.includes(sp.status as LeadStatus) ? (sp.status as LeadStatus) : undefined;
  // The sales dashboard's figures open this list narrowed to one person and its 90-day window.
  const narrowed = { enteredBy: sp.by, days: sp.days };
  const keep = new URLSearchParams(Object.entries(narrowed).filter((e): e is [string, string] => Boolean(e[1])));
  const page = await read(listLeadsOp, { q: searchParam(sp.q), status, ...narrowed, cursor: sp.cursor });
  return (
    <div>
      <PageHeader
        title={t('leads.title')}
        subtitle={t('leads.subtitle')}
        actions={
          can(ctx.role, 'leads.create') && (
            <Link href="/leads/new" className={buttonClass('primary')} data-testid="new-lead">
              {t('leads.new')}
            </Link>
          )
        }
      />
      <div className="mb-3 flex flex-wrap gap-2">
        {[undefined, ...LEAD_STATUSES].map((s) => (
          <Link
            key={s ?? 'all'}
            href={`/leads?${new URLSearchParams([...(s ? [['status', s]] : []), ...keep]).toString()}`}
            className={buttonClass(status === s ? 'primary' : 'secondary', 'px-3')}
          >
            {s ? t(`leads.statuses.${s}`) : t('common.all')}
          </Link>
        ))}
      </div>
      {keep.size > 0 && (
        <p className="mb-3 flex flex-wrap items-center gap-x-3 text-sm" data-testid="leads-narrowed">
          <span>
            {[
              sp.by && t('leads.enteredBy', { name: page.items[0]?.enteredByName ?? t('dashboard.unknownPerson') }),
              sp.days && t('leads.lastDays', { days: sp.days }),
            ]
              .filter(Boolean)
              .join(' · ')}
          </span>
          <Link
            href={status ? `/leads?status=${status}` : '/leads'}
            className="inline-flex min-h-11 items-center underline"
          >
            {t('leads.allLeads')}
          </Link>
        </p>
      )}
      <SearchForm q={sp.q} placeholder={t('leads.searchPlaceholder')} submitLabel={t('common.search')}>
        {status && <input type="hidden" name="status" value={status} />}
        {sp.by && <input type="hidden" name="by" value={sp.by} />}
        {sp.days && <input type="hidden" name="days" value={sp.days} />}
      </SearchForm>
      {page.items.length === 0 ? (
        <EmptyState
          title={t('leads.emptyTitle')}
          hint={t('leads.emptyHint')}
          action={
            can(ctx.role, 'leads.create') && (
              <Link href="/leads/new" className={buttonClass('primary')}>
                {t('leads.new')}
              </Link>
            )
          }
        />
      ) : (
        <StackedTable
          testId="leads-table"
          head={[t('common.name'), t('leads.plan'), t('leads.coverage'), t('common.status'), t('common.createdAt')]}
        >
          {page.items.map((l) => (
            <tr key={l.id} data-testid="lead-row" className={STACKED_ROW.page}>
              <StackedCell className="col-span-2 md:col-span-1">
                <Link
                  href={`/leads/${l.id}`}
                  className="inline-flex min-h-11 items-center font-medium text-brand-700 underline md:min-h-0 dark:text-brand-500"
                >
                  {l.name}
                </Link>
                <div className="text-xs text-slate-500">{l.phone}</div>
              </StackedCell>
              <StackedCell label={t('leads.plan')} className="col-span-2 md:col-span-1">
                <div>{l.planName}</div>
                <div className="text-xs text-slate-500">{t(`billingTypes.${l.billingType}`)}</div>
              </StackedCell>
              <StackedCell label={t('leads.coverage')}>
                <Badge color={l.coverage.ok ? 'green' : 'amber'}>
                  {t(`coverage.short.${l.coverage.ok ? 'ok' : String(l.coverage.reason)}`)}
                </Badge>
              </StackedCell>
              <StackedCell label={t('common.status')}>
                <Badge color={COLOR[l.status]}>{t(`leads.statuses.${l.status}`)}</Badge>
              </StackedCell>
              <StackedCell
                label={t('common.createdAt')}
                className="col-span-2 text-xs md:col-span-1 md:whitespace-nowrap md:text-sm"
              >
                {formatDateTime(l.createdAt, locale, info.org!.timezone)}
              </StackedCell>
            </tr>
          ))}
        </StackedTable>
      )}
      <Pager
        basePath="/leads"
        params={{ q: sp.q, status, by: sp.by, days: sp.days, cursor: sp.cursor }}
        nextCursor={page.nextCursor}
        labels={{ next: t('common.next'), first: t('common.first') }}
      />
    </div>
  );
}
