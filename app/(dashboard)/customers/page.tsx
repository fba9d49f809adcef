import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { StatusBadge } from '@/components/status-badge';
import { buttonClass } from '@/components/ui/button';
import { Alert, EmptyState, PageHeader } from '@/components/ui/card';
import { FilterSelect } from '@/components/ui/filter-select';
import { SearchForm } from '@/components/ui/search-form';
import { Pager, Table, Td } from '@/components/ui/table';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { formatCustomerNumber, SUBSCRIPTION_STATUSES } from '@/lib/customers/constants';
import { customerFilterOptionsOp, listCustomersOp } from '@/lib/customers/operations';
import { CUSTOMER_SORTS } from '@/lib/customers/schemas';
import { executeOperation } from '@/lib/server/operation';

export default async function CustomersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { ctx, read } = await requirePage('customers.view');
  const sp = await searchParams;
  const t = await getTranslations();
  // A search too short to run is shown above an empty list, not as an error page.
  const [result, options] = await Promise.all([
    executeOperation(listCustomersOp, ctx, sp),
    read(customerFilterOptionsOp, {}),
  ]);
  const page = result.ok ? result.data : { items: [], nextCursor: null };
  const all = t('common.all');
  return (
    <div>
      <PageHeader
        title={t('customers.title')}
        subtitle={t('customers.subtitle')}
        actions={
          can(ctx.role, 'customers.import') && (
            <Link href="/customers/import" className={buttonClass('secondary')}>
              {t('customers.import')}
            </Link>
          )
        }
      />
      <SearchForm q={sp.q} placeholder={t('customers.searchPlaceholder')} submitLabel={t('common.filter')}>
        <FilterSelect
          name="status"
          label={t('common.status')}
          value={sp.status}
          allLabel={all}
          options={SUBSCRIPTION_STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) }))}
        />
        <FilterSelect
          name="planId"
          label={t('customers.plan')}
          value={sp.planId}
          allLabel={all}
          options={options.plans.map((p) => ({ value: p.id, label: p.name }))}
        />
        {options.areas.length > 0 && (
          <FilterSelect
            name="area"
            label={t('customers.area')}
            value={sp.area}
            allLabel={all}
            options={options.areas.map((a) => ({ value: a, label: a }))}
          />
        )}
        {ctx.role !== 'reseller' && options.resellers.length > 0 && (
          <FilterSelect
            name="resellerUserId"
            label={t('customers.reseller')}
            value={sp.resellerUserId}
            allLabel={all}
            options={options.resellers.map((r) => ({ value: r.id, label: r.name }))}
          />
        )}
        <FilterSelect
          name="sort"
          label={t('customers.sort')}
          value={sp.sort ?? 'newest'}
          className="sm:max-w-36"
          options={CUSTOMER_SORTS.map((s) => ({
            value: s,
            label: `${t('customers.sort')}: ${t(`customers.sorts.${s}`)}`,
          }))}
        />
      </SearchForm>
      {!result.ok && <Alert>{result.message}</Alert>}
      {result.ok && page.items.length === 0 ? (
        <EmptyState title={t('customers.emptyTitle')} hint={t('customers.emptyHint')} />
      ) : (
        page.items.length > 0 && (
          <Table
            testId="customers-table"
            head={[
              t('customers.number'),
              t('common.name'),
              t('customers.plan'),
              t('customers.area'),
              t('common.status'),
            ]}
          >
            {page.items.map((c) => (
              <tr key={c.id} data-testid="customer-row">
                <Td className="whitespace-nowrap font-mono text-xs">{formatCustomerNumber(c.number)}</Td>
                <Td>
                  <Link
                    href={`/customers/${c.id}`}
                    className="font-medium text-brand-700 underline dark:text-brand-500"
                  >
                    {c.name}
                  </Link>
                  <div className="text-xs text-slate-500">{c.phone}</div>
                </Td>
                <Td>{c.planName ?? '—'}</Td>
                <Td>{c.area ?? '—'}</Td>
                <Td>
                  <StatusBadge status={c.status} />
                </Td>
              </tr>
            ))}
          </Table>
        )
      )}
      <Pager
        basePath="/customers"
        params={{
          q: sp.q,
          status: sp.status,
          planId: sp.planId,
          area: sp.area,
          resellerUserId: sp.resellerUserId,
          sort: sp.sort,
          cursor: sp.cursor,
        }}
        nextCursor={page.nextCursor}
        labels={{ next: t('common.next'), first: t('common.first') }}
      />
    </div>
  );
}
