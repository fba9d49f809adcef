import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';
import { Badge, EmptyState, PageHeader } from '@/components/ui/card';
import { SearchForm, searchParam } from '@/components/ui/search-form';
import { Pager, Table, Td } from '@/components/ui/table';
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
  const page = await read(listLeadsOp, { q: searchParam(sp.q), status, cursor: sp.cursor });
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
            href={s ? `/leads?status=${s}` : '/leads'}
            className={buttonClass(status === s ? 'primary' : 'secondary', 'min-h-9 px-3')}
          >
            {s ? t(`leads.statuses.${s}`) : t('common.all')}
          </Link>
        ))}
      </div>
      <SearchForm q={sp.q} placeholder={t('leads.searchPlaceholder')} submitLabel={t('common.search')}>
        {status && <input type="hidden" name="status" value={status} />}
      </SearchForm>
      {page.items.length === 0 ? (
        <EmptyState title={t('leads.emptyTitle')} hint={t('leads.emptyHint')} />
      ) : (
        <Table
          testId="leads-table"
          head={[t('common.name'), t('leads.plan'), t('leads.coverage'), t('common.status'), t('common.createdAt')]}
        >
          {page.items.map((l) => (
            <tr key={l.id} data-testid="lead-row">
              <Td>
                <Link href={`/leads/${l.id}`} className="font-medium text-brand-700 underline dark:text-brand-500">
                  {l.name}
                </Link>
                <div className="text-xs text-slate-500">{l.phone}</div>
              </Td>
              <Td>
                <div>{l.planName}</div>
                <div className="text-xs text-slate-500">{t(`billingTypes.${l.billingType}`)}</div>
              </Td>
              <Td>
                <Badge color={l.coverage.ok ? 'green' : 'amber'}>
                  {t(`coverage.short.${l.coverage.ok ? 'ok' : String(l.coverage.reason)}`)}
                </Badge>
              </Td>
              <Td>
                <Badge color={COLOR[l.status]}>{t(`leads.statuses.${l.status}`)}</Badge>
              </Td>
              <Td className="whitespace-nowrap">{formatDateTime(l.createdAt, locale, info.org!.timezone)}</Td>
            </tr>
          ))}
        </Table>
      )}
      <Pager
        basePath="/leads"
        params={{ q: sp.q, status, cursor: sp.cursor }}
        nextCursor={page.nextCursor}
        labels={{ next: t('common.next'), first: t('common.first') }}
      />
    </div>
  );
}
