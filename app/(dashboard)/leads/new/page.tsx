import { getTranslations } from 'next-intl/server';
import { EmptyState, PageHeader } from '@/components/ui/card';
import { requirePage } from '@/lib/auth/context';
import { getOrganization } from '@/lib/organizations/queries';
import { listPlans } from '@/lib/plans/queries';
import { LeadForm } from './lead-form';

export default async function NewLeadPage() {
  const { ctx } = await requirePage('leads.create');
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
        />
      )}
    </div>
  );
}
