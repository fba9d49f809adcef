import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';
import { StatusBadge } from '@/components/status-badge';
import { Alert, EmptyState, PageHeader } from '@/components/ui/card';
import { inputClass } from '@/components/ui/field';
import { SearchForm } from '@/components/ui/search-form';
import { Pager, Table, Td } from '@/components/ui/table';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { formatCustomerNumber, SUBSCRIPTION_STATUSES } from '@/lib/customers/constants';
import { listCustomersOp } from '@/lib/customers/operations';
import { customerFilterOptions } from '@/lib/customers/queries';
import { CUSTOMER_SORTS } from '@/lib/customers/schemas';
import { listPlans } from '@/lib/plans/queries';
import { executeOperation } from '@/lib/server/operation';

export default async function CustomersPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const { ctx } = await requirePage('customers.view');
  const sp = await searchParams;
  const t = await getTranslations();
  const [result, plans, options] = await Promise.all([
    executeOperation(listCustomersOp, ctx, sp),
    listPlans(ctx.db, { orgId: ctx.orgId, includeInactive: true }),
    customerFilterOptions(ctx.db, ctx.orgId),
  ]);
  const page = result.ok ? result.data : { items: [], nextCursor: null };
  const select = (name: string, label: string, choices: { value: string; label: string }[]) => (
    <select name={name} defaultValue={sp[name] ?? ''} aria-label={label} className={`${inputClass} sm:max-w-44`}>
      <option value="">{`${label}: ${t('common.all')}`}</option>
      {choices.map((c) => (
        <option key={c.value} value={c.value}>
          {c.label}
        </option>
      ))}
    </select>
  );
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
        {select('status', t('common.status'), SUBSCRIPTION_STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) })))}
        {select('planId', t('customers.plan'), plans.map((p) => ({ value: p.id, label: p.name })))}
        {options.areas.length > 0 && select('area', t('customers.area'), options.areas.map((a) => ({ value: a, label: a })))}
        {ctx.role !== 'reseller' && options.resellers.length > 0 &&
          select('resellerUserId', t('customers.reseller'), options.resellers.map((r) => ({ value: r.id, label: r.name })))}
        <select name="sort" defaultValue={sp.sort ?? 'newest'} aria-label={t('customers.sort')} className={`${inputClass} sm:max-w-36`}>
          {CUSTOMER_SORTS.map((s) => (
            <option key={s} value={s}>
              {`${t('customers.sort')}: ${t(`customers.sorts.${s}`)}`}
            </option>
          ))}
        </select>
      </SearchForm>
      {!result.ok && <Alert>{result.message}</Alert>}
      {result.ok && page.items.length === 0 ? (
        <EmptyState title={t('customers.emptyTitle')} hint={t('customers.emptyHint')} />
      ) : (
        page.items.length > 0 && (
          <Table testId="customers-table" head={[t('customers.number'), t('common.name'), t('customers.plan'), t('customers.area'), t('common.status')]}>
            {page.items.map((c) => (
              <tr key={c.id} data-testid="customer-row">
                <Td className="whitespace-nowrap font-mono text-xs">{formatCustomerNumber(c.number)}</Td>
                <Td>
                  <Link href={`/customers/${c.id}`} className="font-medium text-brand-700 underline dark:text-brand-500">
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
        params={{ q: sp.q, status: sp.status, planId: sp.planId, area: sp.area, resellerUserId: sp.resellerUserId, sort: sp.sort, cursor: sp.cursor }}
        nextCursor={page.nextCursor}
        labels={{ next: t('common.next'), first: t('common.first') }}
      />
    </div>
  );
}
