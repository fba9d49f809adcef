import { getTranslations } from 'next-intl/server';
import { EmptyState, PageHeader } from '@/components/ui/card';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { leadFormOptionsOp } from '@/lib/customers/operations';
import { LeadForm } from './lead-form';

/** ?lat=&lng= from the coverage map: the form opens at that point (the action validates it). */
function pointFrom(sp: Record<string, string | undefined>) {
  const latitude = Number(sp.lat);
  const longitude = Number(sp.lng);
  return sp.lat && sp.lng && Number.isFinite(latitude) && Number.isFinite(longitude) ? { latitude, longitude } : null;
}

export default async function NewLeadPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { ctx, read } = await requirePage('leads.create');
  const sp = await searchParams;
  const t = await getTranslations();
  const { plans, radiusM } = await read(leadFormOptionsOp, {});
  return (
    <div className="max-w-3xl">
      <PageHeader title={t('leads.new')} subtitle={t('leads.newSubtitle')} />
      {plans.length === 0 ? (
        <EmptyState title={t('plans.emptyTitle')} hint={t('plans.emptyHint')} />
      ) : (
        <LeadForm
          plans={plans}
          radiusM={radiusM}
          initialPoint={pointFrom(sp)}
          canSeeNetwork={can(ctx.role, 'odps.view')}
        />
      )}
    </div>
  );
}
