import { getLocale, getTranslations } from 'next-intl/server';
import { EmptyState, PageHeader } from '@/components/ui/card';
import { SearchForm, searchParam } from '@/components/ui/search-form';
import { Pager } from '@/components/ui/table';
import { listPlatformUsersOp } from '@/lib/account/operations';
import { requirePage } from '@/lib/auth/context';
import { toLocale } from '@/lib/i18n/config';
import { PlatformUsersTable } from './users-client';

/** Super admins: every account on the server, to disable one platform-wide. */
export default async function PlatformUsersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { info, read } = await requirePage('platform.organizations');
  const sp = await searchParams;
  const t = await getTranslations();
  const page = await read(listPlatformUsersOp, { q: searchParam(sp.q), cursor: sp.cursor });
  return (
    <div className="space-y-6">
      <PageHeader title={t('platform.usersTitle')} subtitle={t('platform.usersSubtitle')} />
      <section>
        <SearchForm q={sp.q} placeholder={t('platform.usersSearch')} submitLabel={t('common.search')} />
        {page.items.length === 0 ? (
          <EmptyState title={t('platform.usersEmpty')} />
        ) : (
          <PlatformUsersTable
            items={JSON.parse(JSON.stringify(page.items))}
            selfId={info.user.id}
            locale={toLocale(await getLocale())}
            timeZone={info.org!.timezone}
          />
        )}
        <Pager
          basePath="/admin/users"
          params={{ q: sp.q, cursor: sp.cursor }}
          nextCursor={page.nextCursor}
          labels={{ next: t('common.next'), first: t('common.first') }}
        />
      </section>
    </div>
  );
}
