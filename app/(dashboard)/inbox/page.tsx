import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { ConversationCard } from '@/components/inbox/conversation-card';
import { buttonClass } from '@/components/ui/button';
import { EmptyState, PageHeader } from '@/components/ui/card';
import { SearchForm, searchParam } from '@/components/ui/search-form';
import { Pager } from '@/components/ui/table';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { toLocale } from '@/lib/i18n/config';
import { inboxCountsOp, listConversationsOp } from '@/lib/inbox/operations';
import { INBOX_FILTERS, listConversationsSchema } from '@/lib/inbox/schemas';

/** The WhatsApp inbox: conversations latest first (keyset), quick filters, search by number or name. */
export default async function InboxPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { info, ctx, read } = await requirePage('inbox.view');
  const sp = await searchParams;
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const f = listConversationsSchema.parse({ ...sp, q: searchParam(sp.q) });
  const [page, counts] = await Promise.all([read(listConversationsOp, f), read(inboxCountsOp, {})]);
  const filtered = Boolean(f.q || f.filter);
  return (
    <div className="min-w-0">
      <PageHeader
        title={t('inbox.title')}
        subtitle={counts.unread > 0 ? t('inbox.unreadTotal', { count: counts.unread }) : t('inbox.subtitle')}
        actions={
          can(ctx.role, 'inbox.manage') && (
            <Link href="/inbox/quick-replies" className={buttonClass('secondary')} data-testid="quick-replies-link">
              {t('inbox.quickReplies.title')}
            </Link>
          )
        }
      />
      <nav className="mb-3 flex gap-2 overflow-x-auto pb-1" aria-label={t('inbox.filterLabel')}>
        {[undefined, ...INBOX_FILTERS].map((key) => (
          <Link
            key={key ?? 'all'}
            href={key ? `/inbox?filter=${key}` : '/inbox'}
            className={buttonClass(f.filter === key ? 'primary' : 'secondary', 'shrink-0 px-3')}
            data-testid={`inbox-filter-${key ?? 'all'}`}
          >
            {t(`inbox.filters.${key ?? 'all'}`)}
            {key === 'needs_staff' && counts.needsStaff > 0 ? ` (${counts.needsStaff})` : ''}
          </Link>
        ))}
      </nav>
      <SearchForm q={sp.q} placeholder={t('inbox.searchPlaceholder')} submitLabel={t('common.filter')}>
        {f.filter && <input type="hidden" name="filter" value={f.filter} />}
      </SearchForm>
      {page.items.length === 0 ? (
        <EmptyState
          title={filtered ? t('inbox.emptyFilteredTitle') : t('inbox.emptyTitle')}
          hint={filtered ? t('inbox.emptyFilteredHint') : t('inbox.emptyHint')}
          action={
            filtered ? (
              <Link href="/inbox" className={buttonClass('secondary')}>
                {t('inbox.filters.all')}
              </Link>
            ) : (
              can(ctx.role, 'messaging.view') && (
                <Link href="/whatsapp" className={buttonClass('secondary')}>
                  {t('inbox.openWhatsapp')}
                </Link>
              )
            )
          }
        />
      ) : (
        <ul className="space-y-2" data-testid="conversation-list">
          {page.items.map((c) => (
            <li key={c.id}>
              <ConversationCard c={c} locale={locale} timeZone={info.org!.timezone} />
            </li>
          ))}
        </ul>
      )}
      <Pager
        basePath="/inbox"
        params={{ q: sp.q, filter: f.filter, cursor: sp.cursor }}
        nextCursor={page.nextCursor}
        labels={{ next: t('common.next'), first: t('common.first') }}
      />
    </div>
  );
}
