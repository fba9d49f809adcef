import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { TicketReportForm } from '@/components/portal/ticket-report-form';
import { buttonClass } from '@/components/ui/button';
import { executePortalOperation } from '@/lib/portal/operation';
import { requirePortal } from '@/lib/portal/request';
import { portalSubscriptionsOp } from '@/lib/portal/support-operations';

/** "Report a problem": the form, with the visitor's connections to choose from when they have several. */
export default async function PortalReportPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { org, ctx } = await requirePortal(slug);
  const t = await getTranslations('portalSupport');
  const subs = await executePortalOperation(portalSubscriptionsOp, ctx, {});
  if (!subs.ok) notFound();
  return (
    <div className="space-y-4" data-testid="portal-report-page">
      <h1 className="text-xl font-semibold">{t('tickets.report')}</h1>
      <TicketReportForm slug={org.slug} subscriptions={subs.data} />
      <Link href={`/portal/${org.slug}/tickets`} className={buttonClass('ghost', 'w-full')}>
        {t('back')}
      </Link>
    </div>
  );
}
