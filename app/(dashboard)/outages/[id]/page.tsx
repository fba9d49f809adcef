import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { OutageActions } from '@/components/outages/outage-actions';
import { OutageStatusBadge } from '@/components/outages/outage-status-badge';
import { Alert, Card, EmptyState, PageHeader } from '@/components/ui/card';
import { SearchForm } from '@/components/ui/search-form';
import { STACKED_ROW, StackedCell, StackedTable } from '@/components/ui/stacked-table';
import { Pager } from '@/components/ui/table';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { formatCustomerNumber } from '@/lib/customers/constants';
import { formatDateTime } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { getOutageOp, listAffectedOp, previewCreditOp } from '@/lib/outages/operations';

function Fact({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="break-words" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

/** One outage: what is down, since when, who it cuts off (paged), its ticket and the next step. */
export default async function OutagePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { info, ctx, read } = await requirePage('outages.view');
  const { id } = await params;
  const sp = await searchParams;
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const tz = info.org!.timezone;
  const o = await read(getOutageOp, { outageId: id });
  const affected = await read(listAffectedOp, { outageId: id, q: sp.q, cursor: sp.cursor });
  const canCredit = can(ctx.role, 'outages.credit');
  // The credit's confirmation names what it gives (count and total) before finance commits.
  const creditPreview =
    canCredit && o.status === 'resolved' && !o.creditedAt ? await read(previewCreditOp, { outageId: id }) : null;
  const end = o.resolvedAt ?? new Date();
  const minutes = Math.max(0, Math.round((end.getTime() - o.startedAt.getTime()) / 60_000));
  const evidence = o.evidence as { signal?: string; offline?: number; total?: number; windowMinutes?: number } | null;
  return (
    <div className="max-w-4xl space-y-4">
      <PageHeader
        title={o.elementLabel}
        subtitle={`${t(`outages.elements.${o.elementType}`)}${o.area ? ` · ${o.area}` : ''}`}
        actions={<OutageStatusBadge status={o.status} />}
      />
      {o.status === 'proposed' && <Alert kind="warning">{t('outages.proposedHint')}</Alert>}
      <Card className="space-y-4">
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3">
          <Fact label={t('outages.affected')} testId="outage-affected-count">
            {t('outages.customersCount', { count: o.customers })}
          </Fact>
          <Fact label={t('outages.subscriptions')}>{o.affectedCount}</Fact>
          <Fact label={t('outages.optedOut')}>{o.optedOut}</Fact>
          <Fact label={t('outages.started')}>{formatDateTime(o.startedAt, locale, tz)}</Fact>
          <Fact label={t('outages.resolvedAt')}>{o.resolvedAt ? formatDateTime(o.resolvedAt, locale, tz) : '—'}</Fact>
          <Fact label={t('outages.duration')}>{t('outages.minutes', { count: minutes })}</Fact>
          <Fact label={t('outages.source')}>{t(`outages.sources.${o.source}`)}</Fact>
          <Fact label={t('outages.ticket')}>
            {o.ticketNumber && o.ticketId ? (
              <Link href={`/tickets/${o.ticketId}`} className="font-mono underline" data-testid="outage-ticket">
                {o.ticketNumber}
              </Link>
            ) : (
              '—'
            )}
          </Fact>
          <Fact label={t('outages.credit.label')}>
            {o.creditedAt ? formatDateTime(o.creditedAt, locale, tz) : t('outages.credit.none')}
          </Fact>
        </dl>
        {o.cause && <p className="text-sm">{`${t('outages.cause')}: ${o.cause}`}</p>}
        {evidence?.signal && (
          <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="outage-evidence">
            {evidence.signal === 'router_unreachable'
              ? t('outages.evidence.router_unreachable')
              : t('outages.evidence.offline', {
                  offline: evidence.offline ?? 0,
                  total: evidence.total ?? 0,
                  minutes: evidence.windowMinutes ?? 0,
                  signal: t(`outages.signals.${evidence.signal}`),
                })}
          </p>
        )}
        <OutageActions
          outageId={o.id}
          status={o.status}
          customers={o.customers}
          credited={Boolean(o.creditedAt)}
          canManage={can(ctx.role, 'outages.manage')}
          canCredit={canCredit}
          creditPreview={creditPreview}
        />
      </Card>
      <section className="space-y-2">
        <h2 className="font-semibold">{t('outages.affectedTitle')}</h2>
        <SearchForm q={sp.q} placeholder={t('outages.affectedSearch')} submitLabel={t('common.filter')} />
        {affected.items.length === 0 ? (
          <EmptyState
            title={sp.q ? t('outages.noMatch') : t('outages.noAffected')}
            hint={sp.q ? undefined : t('outages.noAffectedHint')}
          />
        ) : (
          <StackedTable
            testId="affected-table"
            head={[t('outages.customer'), t('outages.service'), t('outages.phone')]}
          >
            {affected.items.map((c) => (
              <tr key={c.subscriptionId} data-testid="affected-row" className={STACKED_ROW.page}>
                <StackedCell className="col-span-2">
                  <Link
                    href={`/customers/${c.customerId}`}
                    className="inline-flex min-h-11 items-center font-medium underline"
                  >
                    {c.name}
                  </Link>
                  <div className="text-xs text-slate-500">{formatCustomerNumber(c.number)}</div>
                </StackedCell>
                <StackedCell label={t('outages.service')}>
                  <div className="break-all font-mono text-xs">{c.serviceUsername}</div>
                  <div className="text-xs text-slate-500">
                    {c.planName ?? ''}
                    {c.odpPort ? ` · ${t('outages.portN', { n: c.odpPort })}` : ''}
                  </div>
                </StackedCell>
                <StackedCell label={t('outages.phone')}>
                  <span className="break-all">{c.phone}</span>
                  {c.whatsappOptOut && <div className="text-xs text-amber-700">{t('outages.optedOutMark')}</div>}
                </StackedCell>
              </tr>
            ))}
          </StackedTable>
        )}
        <Pager
          basePath={`/outages/${o.id}`}
          params={{ q: sp.q, cursor: sp.cursor }}
          nextCursor={affected.nextCursor}
          labels={{ next: t('common.next'), first: t('common.first') }}
        />
      </section>
    </div>
  );
}
