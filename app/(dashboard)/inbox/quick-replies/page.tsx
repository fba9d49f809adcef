import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { QuickReplyEditor, QuickReplyForm } from '@/components/inbox/quick-reply-form';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { requirePage } from '@/lib/auth/context';
import { listQuickRepliesOp } from '@/lib/inbox/operations';

/** Quick replies: canned answers staff pick in the reply box. */
export default async function QuickRepliesPage() {
  const { read } = await requirePage('inbox.manage');
  const t = await getTranslations('inbox');
  const rows = await read(listQuickRepliesOp, {});
  return (
    <div className="min-w-0 max-w-3xl space-y-4">
      <PageHeader title={t('quickReplies.title')} subtitle={t('quickReplies.subtitle')} />
      <p>
        <Link href="/inbox" className="inline-flex min-h-11 items-center text-sm underline">
          ← {t('backToInbox')}
        </Link>
      </p>
      <Card>
        <h2 className="mb-2 font-semibold">{t('quickReplies.new')}</h2>
        <QuickReplyForm />
      </Card>
      {rows.length === 0 ? (
        <EmptyState title={t('quickReplies.emptyTitle')} hint={t('quickReplies.emptyHint')} />
      ) : (
        <ul className="space-y-2" data-testid="quick-reply-list">
          {rows.map((q) => (
            <li key={q.id}>
              <QuickReplyEditor row={q} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
