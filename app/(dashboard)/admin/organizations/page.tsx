import { getLocale, getTranslations } from 'next-intl/server';
import { TaskProblems } from '@/components/jobs/task-problems';
import { EmptyState, PageHeader } from '@/components/ui/card';
import { SearchForm, searchParam } from '@/components/ui/search-form';
import { Pager } from '@/components/ui/table';
import { requirePage } from '@/lib/auth/context';
import { toLocale } from '@/lib/i18n/config';
import { listAllOrganizationsOp, platformTaskProblemsOp } from '@/lib/organizations/operations';
import { ImportOrganization } from './import-client';
import { CreateOrganizationForm, OrganizationsTable } from './organizations-client';

export default async function PlatformOrganizationsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { info, ctx, read } = await requirePage('platform.organizations');
  const sp = await searchParams;
  const t = await getTranslations();
  const [page, problems] = await Promise.all([
    read(listAllOrganizationsOp, { q: searchParam(sp.q), cursor: sp.cursor }),
    read(platformTaskProblemsOp, {}),
  ]);
  const locale = toLocale(await getLocale());
  return (
    <div className="space-y-6">
      <PageHeader title={t('platform.title')} subtitle={t('platform.subtitle')} />
      <TaskProblems problems={problems} locale={locale} timeZone={info.org!.timezone} platform />
      <CreateOrganizationForm />
      <ImportOrganization />
      <section>
        <SearchForm q={sp.q} placeholder={t('platform.searchPlaceholder')} submitLabel={t('common.search')} />
        {page.items.length === 0 ? (
          <EmptyState title={t('platform.emptyTitle')} />
        ) : (
          <OrganizationsTable
            items={JSON.parse(JSON.stringify(page.items))}
            currentOrgId={ctx.orgId}
            locale={locale}
            timeZone={info.org!.timezone}
          />
        )}
        <Pager
          basePath="/admin/organizations"
          params={{ q: sp.q, cursor: sp.cursor }}
          nextCursor={page.nextCursor}
          labels={{ next: t('common.next'), first: t('common.first') }}
        />
      </section>
    </div>
  );
}
