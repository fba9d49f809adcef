import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { monthLabel } from '@/components/resellers/commission-bars';
import { buttonClass } from '@/components/ui/button';
import { Alert, Card, PageHeader } from '@/components/ui/card';
import { requirePage } from '@/lib/auth/context';
import { formatIDR } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { portalSummaryOp } from '@/lib/resellers/operations';
import { executeOperation } from '@/lib/server/operation';
import { PortalTabs } from './_components/portal-tabs';

export default async function ResellerDashboardPage() {
  const { ctx } = await requirePage('resellers.portal');
  const t = await getTranslations('resellers.portal');
  const locale = toLocale(await getLocale());
  const summary = await executeOperation(portalSummaryOp, ctx, {});
  if (!summary.ok) return <Alert>{summary.message}</Alert>;
  const s = summary.data;
  const stats = [
    {
      label: t('thisMonth', { month: s.thisMonth.month ? monthLabel(s.thisMonth.month, locale) : '' }),
      value: formatIDR(s.thisMonth.net),
      testId: 'stat-commission',
    },
    { label: t('customers'), value: s.customers, testId: 'stat-customers' },
    { label: t('online'), value: `${s.online} / ${s.online + s.offline}`, testId: 'stat-online' },
    { label: t('unpaid', { count: s.unpaidInvoices }), value: formatIDR(s.outstanding), testId: 'stat-unpaid' },
  ];
  return (
    <div>
      <PageHeader
        title={t('title')}
        subtitle={
          s.rateBps === null
            ? t('noRate')
            : t('rate', { rate: (s.rateBps / 100).toLocaleString(locale === 'en' ? 'en-GB' : 'id-ID') })
        }
        actions={
          <Link href="/leads/new" className={buttonClass('primary')} data-testid="register-customer">
            {t('registerCustomer')}
          </Link>
        }
      />
      <PortalTabs current="dashboard" />
      {s.owed > 0 && <Alert kind="warning">{t('owed', { amount: formatIDR(s.owed) })}</Alert>}
      <div className="mt-3 grid grid-cols-2 gap-3 lg:grid-cols-4" data-testid="reseller-stats">
        {stats.map((x) => (
          <Card key={x.testId}>
            <p className="text-sm text-slate-500">{x.label}</p>
            <p className="mt-1 text-xl font-semibold sm:text-2xl" data-testid={x.testId}>
              {x.value}
            </p>
          </Card>
        ))}
      </div>
      <p className="mt-3 text-xs text-slate-500">{t('onlineHint')}</p>
      <div className="mt-4 flex flex-wrap gap-2">
        <Link href="/leads" className={buttonClass('secondary')}>
          {t('myLeads')}
        </Link>
        <Link href="/reseller/commissions" className={buttonClass('secondary')}>
          {t('tabs.commissions')}
        </Link>
      </div>
    </div>
  );
}
