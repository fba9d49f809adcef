import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { ConversationActions } from '@/components/inbox/conversation-actions';
import { displayPhone } from '@/components/inbox/conversation-card';
import { CustomerPanel } from '@/components/inbox/customer-panel';
import { MarkRead } from '@/components/inbox/mark-read';
import { ReplyBox } from '@/components/inbox/reply-box';
import { Thread } from '@/components/inbox/thread';
import { Badge, PageHeader } from '@/components/ui/card';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { toLocale } from '@/lib/i18n/config';
import { getConversationOp } from '@/lib/inbox/operations';

/** One conversation: the thread with delivery states, who it is, the reply box and what staff can do with it. */
export default async function ConversationPage({ params }: { params: Promise<{ id: string }> }) {
  const { ctx, read } = await requirePage('inbox.view');
  const { id } = await params;
  const t = await getTranslations('inbox');
  const locale = toLocale(await getLocale());
  const d = await read(getConversationOp, { conversationId: id });
  const c = d.conversation;
  const canReply = can(ctx.role, 'inbox.reply');
  return (
    <div className="min-w-0 max-w-3xl space-y-4">
      <MarkRead conversationId={c.id} pending={c.unread > 0 || c.needsStaffAt !== null} />
      <PageHeader
        title={d.customer?.name ?? displayPhone(c.phone)}
        subtitle={d.customer ? displayPhone(c.phone) : t('notCustomer')}
        actions={
          <span className="flex flex-wrap gap-1" data-testid="conversation-status" data-status={c.status}>
            <Badge color={c.status === 'open' ? 'green' : 'slate'}>{t(`statuses.${c.status}`)}</Badge>
            {c.needsStaffAt && <Badge color="amber">{t('needsStaff')}</Badge>}
          </span>
        }
      />
      <p>
        <Link href="/inbox" className="inline-flex min-h-11 items-center text-sm underline">
          ← {t('backToInbox')}
        </Link>
      </p>
      <CustomerPanel d={d} locale={locale} canCreateLead={can(ctx.role, 'leads.create')} />
      <Thread lines={d.lines} locale={locale} timeZone={d.timezone} fromCustomer={Boolean(d.customer)} />
      {canReply && <ReplyBox conversationId={c.id} quickReplies={d.quickReplies} windowClosed={d.windowClosed} />}
      {canReply && (
        <ConversationActions
          conversationId={c.id}
          status={c.status}
          assigneeUserId={c.assigneeUserId}
          me={ctx.userId}
          members={d.members}
          ticket={d.ticket}
          customerTickets={d.customerTickets}
          canTicket={can(ctx.role, 'tickets.manage')}
        />
      )}
    </div>
  );
}
