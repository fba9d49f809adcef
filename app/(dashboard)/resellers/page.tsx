import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Alert, Badge, EmptyState, PageHeader } from '@/components/ui/card';
import { STACKED_ROW, StackedCell, StackedTable } from '@/components/ui/stacked-table';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { formatIDR } from '@/lib/format';
import { listResellersOp } from '@/lib/resellers/operations';
import { executeOperation } from '@/lib/server/operation';

export default async function ResellersPage() {
  const { ctx } = await requirePage('resellers.view');
  const t = await getTranslations();
  const result = await executeOperation(listResellersOp, ctx, {});
  const rows = result.ok ? result.data : [];
  return (
    <div>
      <PageHeader
        title={t('resellers.staff.title')}
        subtitle={t('resellers.staff.subtitle')}
        actions={
          can(ctx.role, 'users.manage') && (
            <Link
              href="/users"
              className="inline-flex min-h-11 items-center text-sm text-brand-700 underline dark:text-brand-500"
            >
              {t('resellers.staff.invite')}
            </Link>
          )
        }
      />
      {!result.ok && <Alert>{result.message}</Alert>}
      {result.ok && rows.length === 0 ? (
        <EmptyState title={t('resellers.staff.empty')} hint={t('resellers.staff.emptyHint')} />
      ) : (
        rows.length > 0 && (
          <StackedTable
            testId="resellers-table"
            head={[
              t('common.name'),
              t('resellers.staff.rate'),
              t('resellers.staff.customers'),
              t('resellers.staff.thisMonth'),
              t('resellers.staff.balance'),
            ]}
          >
            {rows.map((r) => (
              <tr key={r.userId} className={STACKED_ROW.page} data-testid="reseller-row">
                <StackedCell className="col-span-2 min-w-0 md:col-span-1">
                  <Link
                    href={`/resellers/${r.userId}`}
                    className="inline-flex min-h-11 items-center font-medium text-brand-700 underline md:min-h-0 dark:text-brand-500"
                  >
                    {r.name}
                  </Link>
                  <div className="truncate text-xs text-slate-500">{r.email}</div>
                  {!r.memberActive && <Badge>{t('resellers.staff.memberInactive')}</Badge>}
                </StackedCell>
                <StackedCell label={t('resellers.staff.rate')} className="whitespace-nowrap">
                  {r.settingsActive ? (
                    `${(r.rateBps / 100).toLocaleString('id-ID')} %`
                  ) : (
                    <Badge color="amber">{t('resellers.staff.noCommission')}</Badge>
                  )}
                </StackedCell>
                <StackedCell label={t('resellers.staff.customers')} className="tabular-nums">
                  {r.customers}
                </StackedCell>
                <StackedCell label={t('resellers.staff.thisMonth')} className="whitespace-nowrap tabular-nums">
                  {formatIDR(r.thisMonth)}
                </StackedCell>
                <StackedCell label={t('resellers.staff.balance')} className="whitespace-nowrap tabular-nums">
                  {formatIDR(r.balance)}
                </StackedCell>
              </tr>
            ))}
          </StackedTable>
        )
      )}
    </div>
  );
}
