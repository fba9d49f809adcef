import { getTranslations } from 'next-intl/server';
import { EmptyState, PageHeader } from '@/components/ui/card';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { getOrganization } from '@/lib/organizations/queries';
import { listPlans } from '@/lib/plans/queries';
import { LeadForm } from './lead-form';

/** ?lat=&lng= from the coverage map: the form opens at that point (the action validates it). */
function pointFrom(sp: Record<string, string | undefined>) {
  const latitude = Number(sp.lat);
  const longitude = Number(sp.lng);
  return sp.lat && sp.lng && Number.isFinite(latitude) && Number.isFinite(longitude) ? { latitude, longitude } : null;
}

export default async function NewLeadPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const { ctx } = await requirePage('leads.create');
  const sp = await searchParams;
  const t = await getTranslations();
  const [plans, org] = await Promise.all([listPlans(ctx.db, { orgId: ctx.orgId }), getOrganization(ctx.db, ctx.orgId)]);
  return (
    <div className="max-w-3xl">
      <PageHeader title={t('leads.new')} subtitle={t('leads.newSubtitle')} />
      {plans.length === 0 ? (
        <EmptyState title={t('plans.emptyTitle')} hint={t('plans.emptyHint')} />
      ) : (
        <LeadForm
          plans={plans.map((p) => ({ id: p.id, name: p.name, billingType: p.billingType }))}
          radiusM={org!.coverageRadiusM}
          initialPoint={pointFrom(sp)}
          canSeeNetwork={can(ctx.role, 'odps.view')}
        />
      )}
    </div>
  );
}
