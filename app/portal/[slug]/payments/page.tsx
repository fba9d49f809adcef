import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';
import { Badge, EmptyState } from '@/components/ui/card';
import { formatDateTime, formatIDR } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { PORTAL_PAGE_SIZE } from '@/lib/portal/billing';
import { portalPaymentsOp } from '@/lib/portal/billing-operations';
import { executePortalOperation } from '@/lib/portal/operation';
import { requirePortal } from '@/lib/portal/request';

const STATUS_COLOR = { pending: 'amber', approved: 'green', rejected: 'red', refunded: 'slate' } as const;

/** Payments received from the visitor (and slips waiting or refused), newest first, each approved one with its receipt. */
export default async function PortalPaymentsPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ page?: string }>;
}) {
  const { slug } = await params;
  const { org, ctx } = await requirePortal(slug);
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const list = await executePortalOperation(portalPaymentsOp, ctx, { page: (await searchParams).page });
  if (!list.ok) notFound();
  const shown = Math.ceil(list.data.items.length / PORTAL_PAGE_SIZE) || 1;
  return (
    <div className="space-y-4" data-testid="portal-payments">
      <h1 className="text-xl font-semibold">{t('portalSupport.payments.title')}</h1>
      {list.data.items.length === 0 ? (
        <EmptyState
          title={t('portalSupport.payments.empty')}
          hint={t('portalSupport.payments.emptyHint')}
          action={
            <Link href={`/portal/${org.slug}/invoices`} className={buttonClass('secondary')}>
              {t('portalSupport.payments.toInvoices')}
            </Link>
          }
        />
      ) : (
        <ul className="space-y-3">
          {list.data.items.map((p) => (
            <li
              key={p.id}
              className="space-y-2 rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900"
              data-testid="portal-payment"
            >
              <div className="flex flex-wrap items-start justify-between gap-2">
                <div>
                  <p className="text-lg font-semibold">{formatIDR(p.amount)}</p>
                  <p className="text-sm text-slate-600 dark:text-slate-400">
                    {formatDateTime(p.createdAt, locale, org.timezone)} · {t(`paymentMethods.${p.method}`)}
                  </p>
                </div>
                <Badge color={STATUS_COLOR[p.status]}>{t(`paymentStatuses.${p.status}`)}</Badge>
              </div>
              {p.invoiceNumbers.length > 0 && (
                <p className="break-all text-sm">
                  {t('portalSupport.payments.forInvoices', { numbers: p.invoiceNumbers.join(', ') })}
                </p>
              )}
              {p.status === 'rejected' && p.rejectReason && (
                <p className="text-sm text-red-700 dark:text-red-300">
                  {t('portalSupport.payments.rejected', { reason: p.rejectReason })}
                </p>
              )}
              {p.status === 'approved' && (
                <Link
                  href={`/portal/${org.slug}/payments/${p.id}`}
                  className={buttonClass('secondary', 'w-full')}
                  data-testid="portal-receipt-link"
                >
                  {t('portalSupport.payments.receipt')}
                </Link>
              )}
            </li>
          ))}
        </ul>
      )}
      {list.data.more && (
        <Link
          href={`/portal/${org.slug}/payments?page=${shown + 1}`}
          scroll={false}
          className={buttonClass('secondary', 'w-full')}
        >
          {t('portalSupport.loadMore')}
        </Link>
      )}
    </div>
  );
}
