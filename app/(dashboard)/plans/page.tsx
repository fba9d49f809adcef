import { getTranslations } from 'next-intl/server';
import { EmptyState, PageHeader } from '@/components/ui/card';
import { searchParam } from '@/components/ui/search-form';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { listPlansOp } from '@/lib/plans/operations';
import { PlanForm, PlansTable } from './plans-client';

export default async function PlansPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { ctx, read } = await requirePage('plans.view');
  const sp = await searchParams;
  const t = await getTranslations('plans');
  const plans = await read(listPlansOp, { includeInactive: true, q: searchParam(sp.q) });
  const manage = can(ctx.role, 'plans.manage');
  const editing = sp.edit ? plans.find((p) => p.id === sp.edit) : undefined;
  return (
    <div className="space-y-6">
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      {manage && (
        <PlanForm key={editing?.id ?? 'new'} plan={editing ? JSON.parse(JSON.stringify(editing)) : undefined} />
      )}
      {plans.length === 0 ? (
        <EmptyState title={t('emptyTitle')} hint={t('emptyHint')} />
      ) : (
        <PlansTable plans={JSON.parse(JSON.stringify(plans))} manage={manage} />
      )}
    </div>
  );
}
