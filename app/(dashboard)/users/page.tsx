import { getLocale, getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui/card';
import { SearchForm, searchParam } from '@/components/ui/search-form';
import { requirePage } from '@/lib/auth/context';
import { ASSIGNABLE_ROLES, can } from '@/lib/auth/permissions';
import { env } from '@/lib/env';
import { toLocale } from '@/lib/i18n/config';
import { listMembersOp } from '@/lib/users/operations';
import { InvitationsList, InviteForm, MembersTable } from './users-client';

export default async function UsersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { info, ctx, read } = await requirePage('users.view');
  const sp = await searchParams;
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const { members, invitations } = await read(listMembersOp, { q: searchParam(sp.q), cursor: sp.cursor });
  const manage = can(ctx.role, 'users.manage');
  const roleOptions = ASSIGNABLE_ROLES.map((r) => ({ value: r, label: t(`roles.names.${r}`) }));
  return (
    <div className="space-y-6">
      <PageHeader title={t('users.title')} subtitle={t('users.subtitle')} />
      {manage && <InviteForm roleOptions={roleOptions} appUrl={env().APP_URL} />}
      {manage && invitations.length > 0 && (
        <InvitationsList
          invitations={JSON.parse(JSON.stringify(invitations))}
          locale={locale}
          timeZone={info.org!.timezone}
        />
      )}
      <section>
        <SearchForm q={sp.q} placeholder={t('users.searchPlaceholder')} submitLabel={t('common.search')} />
        <MembersTable
          page={JSON.parse(JSON.stringify(members))}
          q={sp.q}
          cursor={sp.cursor}
          manage={manage}
          selfId={info.user.id}
          roleOptions={roleOptions}
          locale={locale}
          timeZone={info.org!.timezone}
          appUrl={env().APP_URL}
        />
      </section>
    </div>
  );
}
