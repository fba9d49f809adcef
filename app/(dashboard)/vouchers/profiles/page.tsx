import { getTranslations } from 'next-intl/server';
import { EmptyState, PageHeader } from '@/components/ui/card';
import { SearchForm } from '@/components/ui/search-form';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { executeOperation } from '@/lib/server/operation';
import { listVoucherProfilesOp } from '@/lib/vouchers/operations';
import { VoucherNav } from '../_components/voucher-nav';
import { ProfileForm } from './profile-form';
import { ProfilesList } from './profiles-list';

export default async function VoucherProfilesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { ctx } = await requirePage('vouchers.view');
  const sp = await searchParams;
  const t = await getTranslations();
  const r = await executeOperation(listVoucherProfilesOp, ctx, { q: sp.q || undefined, includeInactive: true });
  const profiles = r.ok ? r.data : [];
  const manage = can(ctx.role, 'vouchers.manage');
  const editing = sp.edit ? profiles.find((p) => p.id === sp.edit) : undefined;
  return (
    <div className="space-y-4">
      <PageHeader title={t('vouchers.title')} subtitle={t('vouchers.subtitle')} />
      <VoucherNav current="profiles" manage={manage} />
      {manage && (
        <ProfileForm key={editing?.id ?? 'new'} profile={editing ? JSON.parse(JSON.stringify(editing)) : undefined} />
      )}
      <SearchForm q={sp.q} placeholder={t('vouchers.profiles.searchPlaceholder')} submitLabel={t('common.search')} />
      {profiles.length === 0 ? (
        <EmptyState title={t('vouchers.profiles.emptyTitle')} hint={t('vouchers.profiles.emptyHint')} />
      ) : (
        <ProfilesList profiles={JSON.parse(JSON.stringify(profiles))} manage={manage} />
      )}
    </div>
  );
}
