import { getLocale, getTranslations } from 'next-intl/server';
import { CommissionMonthsCard } from '@/components/resellers/commission-months';
import { Alert, Badge, Card, EmptyState, PageHeader } from '@/components/ui/card';
import { STACKED_ROW, StackedCell, StackedTable } from '@/components/ui/stacked-table';
import { Pager } from '@/components/ui/table';
import { requirePage } from '@/lib/auth/context';
import { formatDateTime, formatIDR } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { portalCommissionsOp } from '@/lib/resellers/operations';
import { executeOperation } from '@/lib/server/operation';
import { PortalTabs } from '../_components/portal-tabs';

const COLOR = { credited: 'green', reversed: 'slate', reversal_pending: 'amber' } as const;

export default async function ResellerCommissionsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { info, ctx } = await requirePage('resellers.portal');
  const sp = await searchParams;
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const result = await executeOperation(portalCommissionsOp, ctx, { cursor: sp.cursor });
  if (!result.ok) return <Alert>{result.message}</Alert>;
  const { months, items, nextCursor } = result.data;
  const zone = info.org!.timezone;
  return (
    <div>
      <PageHeader title={t('resellers.portal.commissionsTitle')} subtitle={t('resellers.portal.commissionsSubtitle')} />
      <PortalTabs current="commissions" />
      {!sp.cursor && <CommissionMonthsCard months={months} locale={locale} />}
      <h2 className="mb-2 mt-6 font-semibold">{t('resellers.portal.commissionList')}</h2>
      {items.length === 0 ? (
        <EmptyState title={t('resellers.portal.noCommissions')} hint={t('resellers.portal.noCommissionsHint')} />
      ) : (
        <StackedTable
          testId="reseller-commissions"
          head={[
            t('resellers.portal.date'),
            t('resellers.portal.invoice'),
            t('resellers.portal.customer'),
            t('resellers.portal.base'),
            t('resellers.portal.commission'),
            t('common.status'),
          ]}
        >
          {items.map((c) => (
            <tr key={c.id} className={STACKED_ROW.page} data-testid="commission-row">
              <StackedCell label={t('resellers.portal.date')} className="whitespace-nowrap">
                {formatDateTime(c.createdAt, locale, zone)}
              </StackedCell>
              <StackedCell label={t('resellers.portal.invoice')}>
                <span className="break-all font-mono text-xs">{c.invoiceNumber}</span>
              </StackedCell>
              <StackedCell label={t('resellers.portal.customer')}>{c.customerName}</StackedCell>
              <StackedCell label={t('resellers.portal.base')} className="whitespace-nowrap tabular-nums">
                {formatIDR(c.baseAmount)}
                <div className="text-xs text-slate-500">{`× ${(c.rateBps / 100).toLocaleString(locale === 'en' ? 'en-GB' : 'id-ID')} %`}</div>
              </StackedCell>
              <StackedCell
                label={t('resellers.portal.commission')}
                className="whitespace-nowrap font-semibold tabular-nums"
              >
                {formatIDR(c.amount)}
              </StackedCell>
              <StackedCell label={t('common.status')}>
                <Badge color={COLOR[c.status]}>{t(`resellers.commissionStatuses.${c.status}`)}</Badge>
              </StackedCell>
            </tr>
          ))}
        </StackedTable>
      )}
      <Pager
        basePath="/reseller/commissions"
        params={{ cursor: sp.cursor }}
        nextCursor={nextCursor}
        labels={{ next: t('common.next'), first: t('common.first') }}
      />
      <Card className="mt-4">
        <p className="text-xs text-slate-500">{t('resellers.portal.rules')}</p>
      </Card>
    </div>
  );
}
