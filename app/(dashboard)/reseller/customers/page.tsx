import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { StatusBadge } from '@/components/status-badge';
import { buttonClass } from '@/components/ui/button';
import { Alert, Badge, EmptyState, PageHeader } from '@/components/ui/card';
import { FilterSelect } from '@/components/ui/filter-select';
import { SearchForm } from '@/components/ui/search-form';
import { STACKED_ROW, StackedCell, StackedTable } from '@/components/ui/stacked-table';
import { Pager } from '@/components/ui/table';
import { requirePage } from '@/lib/auth/context';
import { formatCustomerNumber, SUBSCRIPTION_STATUSES } from '@/lib/customers/constants';
import { portalCustomersOp } from '@/lib/resellers/operations';
import { executeOperation } from '@/lib/server/operation';
import { PortalTabs } from '../_components/portal-tabs';

export default async function ResellerCustomersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { ctx } = await requirePage('resellers.portal');
  const sp = await searchParams;
  const t = await getTranslations();
  const result = await executeOperation(portalCustomersOp, ctx, sp);
  const page = result.ok ? result.data : { items: [], nextCursor: null };
  return (
    <div>
      <PageHeader
        title={t('resellers.portal.customersTitle')}
        subtitle={t('resellers.portal.customersSubtitle')}
        actions={
          <Link href="/leads/new" className={buttonClass('primary')}>
            {t('resellers.portal.registerCustomer')}
          </Link>
        }
      />
      <PortalTabs current="customers" />
      <SearchForm q={sp.q} placeholder={t('customers.searchPlaceholder')} submitLabel={t('common.filter')}>
        <FilterSelect
          name="status"
          label={t('common.status')}
          value={sp.status}
          allLabel={t('common.all')}
          options={SUBSCRIPTION_STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) }))}
        />
      </SearchForm>
      {!result.ok && <Alert>{result.message}</Alert>}
      {result.ok && page.items.length === 0 ? (
        <EmptyState title={t('resellers.portal.noCustomers')} hint={t('resellers.portal.noCustomersHint')} />
      ) : (
        page.items.length > 0 && (
          <StackedTable
            testId="reseller-customers"
            head={[
              t('common.name'),
              t('customers.number'),
              t('customers.plan'),
              t('common.status'),
              t('resellers.portal.connection'),
            ]}
          >
            {page.items.map((c) => (
              <tr key={c.id} className={STACKED_ROW.page} data-testid="reseller-customer-row">
                <StackedCell className="col-span-2 md:col-span-1">
                  <Link
                    href={`/customers/${c.id}`}
                    className="inline-flex min-h-11 items-center font-medium text-brand-700 underline md:min-h-0 dark:text-brand-500"
                  >
                    {c.name}
                  </Link>
                  <div className="text-xs text-slate-500">{c.phone}</div>
                </StackedCell>
                <StackedCell label={t('customers.number')}>
                  <span className="whitespace-nowrap font-mono text-xs">{formatCustomerNumber(c.number)}</span>
                </StackedCell>
                <StackedCell label={t('customers.plan')}>{c.planName ?? '—'}</StackedCell>
                <StackedCell label={t('common.status')}>
                  <StatusBadge status={c.status} />
                </StackedCell>
                <StackedCell label={t('resellers.portal.connection')}>
                  {c.connection === 'active' ? (
                    <Badge color="green">{t('resellers.portal.onlineNow')}</Badge>
                  ) : c.connection === 'offline' ? (
                    <Badge color="red">{t('resellers.portal.offline')}</Badge>
                  ) : (
                    <span className="text-slate-400">—</span>
                  )}
                </StackedCell>
              </tr>
            ))}
          </StackedTable>
        )
      )}
      <Pager
        basePath="/reseller/customers"
        params={{ q: sp.q, status: sp.status, cursor: sp.cursor }}
        nextCursor={page.nextCursor}
        labels={{ next: t('common.next'), first: t('common.first') }}
      />
    </div>
  );
}
