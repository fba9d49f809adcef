import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { InvoiceCard } from '@/components/portal/invoice-card';
import { InvoiceExtendButton } from '@/components/portal/invoice-extend-button';
import { buttonClass } from '@/components/ui/button';
import { Card, EmptyState } from '@/components/ui/card';
import { formatDate } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { PORTAL_PAGE_SIZE } from '@/lib/portal/billing';
import { portalInvoicesOp, portalPrepaidOp } from '@/lib/portal/billing-operations';
import { executePortalOperation } from '@/lib/portal/operation';
import { requirePortal } from '@/lib/portal/request';

/** The visitor's invoices, newest first, with pay, PDF and slip; prepaid connections can extend now. */
export default async function PortalInvoicesPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ page?: string }>;
}) {
  const { slug } = await params;
  const { org, ctx } = await requirePortal(slug);
  const t = await getTranslations('portalSupport');
  const locale = toLocale(await getLocale());
  const page = (await searchParams).page;
  const [list, prepaid] = await Promise.all([
    executePortalOperation(portalInvoicesOp, ctx, { page }),
    executePortalOperation(portalPrepaidOp, ctx, {}),
  ]);
  if (!list.ok || !prepaid.ok) notFound();
  const shown = Math.ceil(list.data.items.length / PORTAL_PAGE_SIZE) || 1;
  return (
    <div className="space-y-4" data-testid="portal-invoices">
      <h1 className="text-xl font-semibold">{t('invoices.title')}</h1>
      {prepaid.data.map((s) => (
        <Card key={s.id}>
          <div className="space-y-2" data-testid="portal-prepaid">
            <p className="font-medium">
              {t('invoices.prepaidTitle')} · {s.plan}
            </p>
            <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="portal-paid-through">
              {s.paidThrough
                ? t('invoices.paidThrough', { date: formatDate(s.paidThrough, locale) })
                : t('invoices.notPaidYet')}
            </p>
            <p className="text-sm">{t('invoices.extendHint')}</p>
            <InvoiceExtendButton slug={org.slug} subscriptionId={s.id} />
          </div>
        </Card>
      ))}
      {list.data.items.length === 0 ? (
        <EmptyState
          title={t('invoices.empty')}
          hint={t('invoices.emptyHint')}
          action={
            <Link href={`/portal/${org.slug}/tickets/new`} className={buttonClass('secondary')}>
              {t('tickets.report')}
            </Link>
          }
        />
      ) : (
        <ul className="space-y-3">
          {list.data.items.map((invoice) => (
            <InvoiceCard key={invoice.id} invoice={invoice} slug={org.slug} locale={locale} />
          ))}
        </ul>
      )}
      {list.data.more && (
        <Link
          href={`/portal/${org.slug}/invoices?page=${shown + 1}`}
          scroll={false}
          className={buttonClass('secondary', 'w-full')}
          data-testid="portal-load-more"
        >
          {t('loadMore')}
        </Link>
      )}
    </div>
  );
}
