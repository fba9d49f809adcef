import { getTranslations } from 'next-intl/server';
import { EmptyState, PageHeader } from '@/components/ui/card';
import { SearchForm } from '@/components/ui/search-form';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { listOdps } from '@/lib/network/odps';
import { OdpForm, OdpsTable } from './odps-client';

export default async function OdpsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const { ctx } = await requirePage('odps.view');
  const sp = await searchParams;
  const t = await getTranslations();
  const rows = await listOdps(ctx.db, { orgId: ctx.orgId, q: sp.q });
  const manage = can(ctx.role, 'odps.manage');
  const editing = sp.edit ? rows.find((o) => o.id === sp.edit) : undefined;
  return (
    <div className="space-y-6">
      <PageHeader title={t('odps.title')} subtitle={t('odps.subtitle')} />
      {manage && <OdpForm key={editing?.id ?? 'new'} odp={editing ? JSON.parse(JSON.stringify(editing)) : undefined} />}
      <section>
        <SearchForm q={sp.q} placeholder={t('odps.searchPlaceholder')} submitLabel={t('common.search')} />
        {rows.length === 0 ? (
          <EmptyState title={t('odps.emptyTitle')} hint={t('odps.emptyHint')} />
        ) : (
          <OdpsTable rows={JSON.parse(JSON.stringify(rows))} manage={manage} />
        )}
      </section>
    </div>
  );
}
