import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';
import { Badge, EmptyState, PageHeader } from '@/components/ui/card';
import { FilterSelect } from '@/components/ui/filter-select';
import { SearchForm, searchParam } from '@/components/ui/search-form';
import { STACKED_ROW, StackedCell, StackedTable } from '@/components/ui/stacked-table';
import { Pager } from '@/components/ui/table';
import { TICKET_CATEGORIES, TICKET_PRIORITIES, TICKET_TEAMS } from '@/db/enums';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { formatDateTime } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { formatTicketNumber } from '@/lib/tickets/number';
import { listTicketsOp } from '@/lib/tickets/operations';
import { listTicketsSchema, TICKET_LIST_STATUSES } from '@/lib/tickets/schemas';
import { clockRuns } from '@/lib/tickets/status';
import { PriorityBadge, SlaTimer, StatusBadge } from './_components/badges';

/** Tiket: search, filters (status, priority, category, team, assignee, SLA), newest first by keyset. */
export default async function TicketsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { info, ctx, read } = await requirePage('tickets.view');
  const sp = await searchParams;
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  // Filters from the URL: an unknown value is dropped (the list shows everything) rather than a 404.
  const f = listTicketsSchema.parse({ ...sp, q: searchParam(sp.q) });
  const page = await read(listTicketsOp, f);
  const now = new Date();
  const all = t('common.all');
  const canCreate = can(ctx.role, 'tickets.manage');
  const filtered = Boolean(
    f.q || f.status || f.priority || f.category || f.team || f.assignee || f.sla || f.customerId,
  );
  return (
    <div>
      <PageHeader
        title={t('tickets.title')}
        subtitle={t('tickets.subtitle')}
        actions={
          canCreate && (
            <Link href="/tickets/new" className={buttonClass('primary')} data-testid="new-ticket">
              {t('tickets.new')}
            </Link>
          )
        }
      />
      <div className="mb-3 flex flex-wrap gap-2">
        {[
          { key: 'active', href: '/tickets?status=active', on: f.status === 'active' && !f.sla },
          { key: 'breached', href: '/tickets?status=active&sla=breached', on: f.sla === 'breached' },
          { key: 'mine', href: '/tickets?status=active&assignee=me', on: f.assignee === 'me' },
          { key: 'all', href: '/tickets', on: !filtered },
        ].map((q) => (
          <Link key={q.key} href={q.href} className={buttonClass(q.on ? 'primary' : 'secondary', 'px-3')}>
            {t(`tickets.quick.${q.key}`)}
          </Link>
        ))}
      </div>
      <SearchForm q={sp.q} placeholder={t('tickets.searchPlaceholder')} submitLabel={t('common.filter')}>
        {f.customerId && <input type="hidden" name="customerId" value={f.customerId} />}
        <FilterSelect
          name="status"
          label={t('common.status')}
          value={f.status}
          allLabel={all}
          options={TICKET_LIST_STATUSES.map((s) => ({ value: s, label: t(`tickets.statuses.${s}`) }))}
        />
        <FilterSelect
          name="priority"
          label={t('tickets.priority')}
          value={f.priority}
          allLabel={all}
          options={TICKET_PRIORITIES.map((s) => ({ value: s, label: t(`tickets.priorities.${s}`) }))}
        />
        <FilterSelect
          name="category"
          label={t('tickets.category')}
          value={f.category}
          allLabel={all}
          options={TICKET_CATEGORIES.map((s) => ({ value: s, label: t(`tickets.categories.${s}`) }))}
        />
        <FilterSelect
          name="team"
          label={t('tickets.team')}
          value={f.team}
          allLabel={all}
          options={TICKET_TEAMS.map((s) => ({ value: s, label: t(`tickets.teams.${s}`) }))}
        />
        <FilterSelect
          name="assignee"
          label={t('tickets.assignee')}
          value={f.assignee === 'me' || f.assignee === 'none' ? f.assignee : undefined}
          allLabel={all}
          options={[
            { value: 'me', label: t('tickets.assignedToMe') },
            { value: 'none', label: t('tickets.unassigned') },
          ]}
        />
        <FilterSelect
          name="sla"
          label={t('tickets.slaFilter')}
          value={f.sla}
          allLabel={all}
          testId="sla-filter"
          options={['breached', 'due_soon'].map((s) => ({ value: s, label: t(`tickets.slaStates.${s}`) }))}
        />
      </SearchForm>
      {page.items.length === 0 ? (
        <EmptyState
          title={filtered ? t('tickets.emptyFilteredTitle') : t('tickets.emptyTitle')}
          hint={filtered ? t('tickets.emptyFilteredHint') : t('tickets.emptyHint')}
          action={
            canCreate && (
              <Link href="/tickets/new" className={buttonClass('primary')}>
                {t('tickets.new')}
              </Link>
            )
          }
        />
      ) : (
        <StackedTable
          testId="tickets-table"
          head={[
            t('tickets.ticket'),
            t('tickets.customer'),
            t('common.status'),
            t('tickets.sla.title'),
            t('common.createdAt'),
          ]}
        >
          {page.items.map((r) => (
            <tr key={r.id} data-testid="ticket-row" className={STACKED_ROW.page}>
              <StackedCell className="col-span-2 md:col-span-1">
                <Link
                  href={`/tickets/${r.id}`}
                  className="inline-flex min-h-11 items-center font-medium text-brand-700 underline break-words md:min-h-0 dark:text-brand-500"
                >
                  {formatTicketNumber(r.number)} · {r.subject}
                </Link>
                <div className="mt-1 flex flex-wrap gap-1">
                  <PriorityBadge priority={r.priority} />
                  <Badge>{t(`tickets.categories.${r.category}`)}</Badge>
                  {r.kind === 'incident' && <Badge color="red">{t('tickets.incident')}</Badge>}
                </div>
              </StackedCell>
              <StackedCell label={t('tickets.customer')} className="col-span-2 md:col-span-1">
                <div className="break-words">{r.customerName ?? r.reporterName ?? '—'}</div>
                <div className="text-xs text-slate-500">
                  {r.assigneeName ?? (r.team ? t(`tickets.teams.${r.team}`) : t('tickets.unassigned'))}
                </div>
              </StackedCell>
              <StackedCell label={t('common.status')}>
                <StatusBadge status={r.status} />
              </StackedCell>
              <StackedCell label={t('tickets.sla.title')}>
                <div className="flex flex-col gap-1">
                  <SlaTimer
                    label={t('tickets.sla.firstResponseShort')}
                    dueAt={r.firstResponseDueAt}
                    doneAt={r.firstRespondedAt}
                    active={clockRuns(r.status)}
                    now={now}
                  />
                  <SlaTimer
                    label={t('tickets.sla.resolutionShort')}
                    dueAt={r.resolutionDueAt}
                    doneAt={r.resolvedAt}
                    active={clockRuns(r.status)}
                    now={now}
                  />
                </div>
              </StackedCell>
              <StackedCell
                label={t('common.createdAt')}
                className="col-span-2 text-xs md:col-span-1 md:whitespace-nowrap md:text-sm"
              >
                {formatDateTime(r.createdAt, locale, info.org!.timezone)}
              </StackedCell>
            </tr>
          ))}
        </StackedTable>
      )}
      <Pager
        basePath="/tickets"
        params={{
          q: sp.q,
          status: f.status,
          priority: f.priority,
          category: f.category,
          team: f.team,
          assignee: f.assignee,
          sla: f.sla,
          customerId: f.customerId,
          cursor: sp.cursor,
        }}
        nextCursor={page.nextCursor}
        labels={{ next: t('common.next'), first: t('common.first') }}
      />
    </div>
  );
}
