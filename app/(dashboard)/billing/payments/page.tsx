import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { PaymentsTable } from '@/components/billing/payments-table';
import { buttonClass } from '@/components/ui/button';
import { Alert, EmptyState, PageHeader } from '@/components/ui/card';
import { FilterSelect } from '@/components/ui/filter-select';
import { SearchForm } from '@/components/ui/search-form';
import { Pager } from '@/components/ui/table';
import { PAYMENT_METHODS, PAYMENT_STATUSES } from '@/db/schema';
import { requirePage } from '@/lib/auth/context';
import { periodOf } from '@/lib/billing/money';
import { listPaymentsOp, paymentsTotalOp } from '@/lib/billing/operations';
import { formatIDR, formatMonth } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { executeOperation } from '@/lib/server/operation';

/**
 * Every payment recorded — cash at the counter, transfers with their slip, gateway payments —
 * newest first, by month (the organization's), method and status: the list behind the
 * dashboard's "collected this month".
 */
export default async function ReceivedPaymentsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { info, ctx } = await requirePage('billing.view');
  const sp = await searchParams;
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const tz = info.org!.timezone;
  const filter = { month: sp.month, method: sp.method, status: sp.status, q: sp.q };
  const [result, total] = await Promise.all([
    executeOperation(listPaymentsOp, ctx, { ...filter, cursor: sp.cursor }),
    executeOperation(paymentsTotalOp, ctx, filter),
  ]);
  const page = result.ok ? result.data : { items: [], nextCursor: null };
  // The last twelve months, newest first, as the dashboard's charts show them.
  const current = periodOf(new Date(), tz).slice(0, 7);
  const months = Array.from({ length: 12 }, (_, i) => {
    const [y, m] = current.split('-').map(Number) as [number, number];
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    return d.toISOString().slice(0, 7);
  });
  return (
    <div className="space-y-4">
      <PageHeader
        title={t('receivedPayments.title')}
        subtitle={t('receivedPayments.subtitle')}
        actions={
          <Link href="/billing" className={buttonClass('secondary')}>
            {t('nav.billing')}
          </Link>
        }
      />
      <section>
        <SearchForm q={sp.q} placeholder={t('receivedPayments.searchPlaceholder')} submitLabel={t('common.filter')}>
          <FilterSelect
            name="month"
            label={t('receivedPayments.month')}
            value={sp.month}
            allLabel={t('common.all')}
            className="sm:max-w-48"
            options={months.map((m) => ({ value: m, label: formatMonth(`${m}-01`, locale) }))}
          />
          <FilterSelect
            name="method"
            label={t('billing.method')}
            value={sp.method}
            allLabel={t('common.all')}
            className="sm:max-w-48"
            options={PAYMENT_METHODS.map((m) => ({ value: m, label: t(`paymentMethods.${m}`) }))}
          />
          <FilterSelect
            name="status"
            label={t('common.status')}
            value={sp.status}
            allLabel={t('common.all')}
            className="sm:max-w-48"
            options={PAYMENT_STATUSES.map((s) => ({ value: s, label: t(`paymentStatuses.${s}`) }))}
          />
        </SearchForm>
        {!result.ok && <Alert>{result.message}</Alert>}
        {page.items.length === 0 ? (
          <EmptyState title={t('receivedPayments.emptyTitle')} hint={t('receivedPayments.emptyHint')} />
        ) : (
          <>
            {total.ok && (
              <p className="mb-2 text-sm text-slate-600 dark:text-slate-400" data-testid="payments-total">
                {t('receivedPayments.total', { count: total.data.count, amount: formatIDR(total.data.approved) })}
              </p>
            )}
            <PaymentsTable payments={page.items} locale={locale} timeZone={tz} />
          </>
        )}
        <Pager
          basePath="/billing/payments"
          params={{ q: sp.q, month: sp.month, method: sp.method, status: sp.status, cursor: sp.cursor }}
          nextCursor={page.nextCursor}
          labels={{ next: t('common.next'), first: t('common.first') }}
        />
      </section>
    </div>
  );
}
