import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { Alert, Badge, EmptyState, PageHeader } from '@/components/ui/card';
import { Table, Td } from '@/components/ui/table';
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
            <Link href="/users" className="text-sm text-brand-700 underline dark:text-brand-500">
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
          <Table
            testId="resellers-table"
            head={[t('common.name'), t('resellers.staff.rate'), t('resellers.staff.customers'), t('resellers.staff.thisMonth'), t('resellers.staff.balance')]}
          >
            {rows.map((r) => (
              <tr key={r.userId} data-testid="reseller-row">
                <Td>
                  <Link href={`/resellers/${r.userId}`} className="font-medium text-brand-700 underline dark:text-brand-500">
                    {r.name}
                  </Link>
                  <div className="text-xs text-slate-500">{r.email}</div>
                  {!r.memberActive && <Badge>{t('resellers.staff.memberInactive')}</Badge>}
                </Td>
                <Td className="whitespace-nowrap">
                  {r.settingsActive ? `${(r.rateBps / 100).toLocaleString('id-ID')} %` : <Badge color="amber">{t('resellers.staff.noCommission')}</Badge>}
                </Td>
                <Td className="tabular-nums">{r.customers}</Td>
                <Td className="whitespace-nowrap tabular-nums">{formatIDR(r.thisMonth)}</Td>
                <Td className="whitespace-nowrap tabular-nums">{formatIDR(r.balance)}</Td>
              </tr>
            ))}
          </Table>
        )
      )}
    </div>
  );
}
