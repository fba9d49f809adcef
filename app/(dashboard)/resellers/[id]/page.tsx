import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { CommissionMonthsCard } from '@/components/resellers/commission-months';
import { Alert, Card, PageHeader } from '@/components/ui/card';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { formatIDR } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { getResellerOp } from '@/lib/resellers/operations';
import { executeOperation } from '@/lib/server/operation';
import { ResellerSettingsForm } from './_components/settings-form';

export default async function ResellerDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const { ctx } = await requirePage('resellers.view');
  const { id } = await params;
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const result = await executeOperation(getResellerOp, ctx, { resellerUserId: id });
  if (!result.ok && (result.code === 'not_found' || result.code === 'validation')) notFound();
  if (!result.ok) return <Alert>{result.message}</Alert>;
  const { reseller, summary, months } = result.data;
  const stats = [
    { label: t('resellers.staff.customers'), value: summary.customers },
    { label: t('resellers.portal.online'), value: `${summary.online} / ${summary.online + summary.offline}` },
    { label: t('resellers.portal.unpaid', { count: summary.unpaidInvoices }), value: formatIDR(summary.outstanding) },
    { label: t('resellers.staff.balance'), value: formatIDR(reseller.balance) },
  ];
  return (
    <div className="space-y-4">
      <PageHeader
        title={reseller.name}
        subtitle={reseller.email}
        actions={
          <Link
            href={`/customers?resellerUserId=${reseller.userId}`}
            className="inline-flex min-h-11 items-center text-sm text-brand-700 underline dark:text-brand-500"
          >
            {t('resellers.staff.theirCustomers')}
          </Link>
        }
      />
      {summary.owed > 0 && (
        <Alert kind="warning">{t('resellers.staff.owed', { amount: formatIDR(summary.owed) })}</Alert>
      )}
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        {stats.map((s) => (
          <Card key={s.label}>
            <p className="text-sm text-slate-500">{s.label}</p>
            <p className="mt-1 text-xl font-semibold">{s.value}</p>
          </Card>
        ))}
      </div>
      <Card>
        <h2 className="mb-3 font-semibold">{t('resellers.staff.settings')}</h2>
        {can(ctx.role, 'resellers.manage') ? (
          <ResellerSettingsForm
            resellerUserId={reseller.userId}
            rate={(reseller.rateBps / 100).toLocaleString('id-ID')}
            active={reseller.settingsActive}
            notes={reseller.notes ?? ''}
          />
        ) : (
          <p className="text-sm" data-testid="reseller-rate">
            {reseller.settingsActive
              ? `${(reseller.rateBps / 100).toLocaleString('id-ID')} %`
              : t('resellers.staff.noCommission')}
          </p>
        )}
      </Card>
      {/* Wallet details (ledger, top-ups, adjustments) are the wallet pages' part (lib/wallet). */}
      <CommissionMonthsCard months={months} locale={locale} />
    </div>
  );
}
