import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Badge } from '@/components/ui/card';
import { formatDateTime } from '@/lib/format';
import type { Locale } from '@/lib/i18n/config';
import type { ConversationRow } from '@/lib/inbox/queries';
import { formatTicketNumber } from '@/lib/tickets/number';

/** A WhatsApp number as people read it: +62 812-3456-7890. */
export function displayPhone(phone: string) {
  const m = /^62(\d{3})(\d{3,4})(\d+)$/.exec(phone);
  return m ? `+62 ${m[1]}-${m[2]}-${m[3]}` : `+${phone}`;
}

/** One conversation in the inbox: who, the last line, when, unread, assignee, ticket. A card at any width. */
export async function ConversationCard({
  c,
  locale,
  timeZone,
}: {
  c: ConversationRow;
  locale: Locale;
  timeZone: string;
}) {
  const t = await getTranslations('inbox');
  return (
    <Link
      href={`/inbox/${c.id}`}
      data-testid="conversation-card"
      data-unread={c.unread}
      className="block min-h-11 min-w-0 rounded-xl border border-slate-200 bg-white p-3 shadow-sm hover:border-brand-500 dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="flex min-w-0 items-start justify-between gap-2">
        <div className="min-w-0">
          <p className={`break-words ${c.unread > 0 ? 'font-semibold' : 'font-medium'}`}>
            {c.customerName ?? displayPhone(c.phone)}
          </p>
          {c.customerName && <p className="text-xs text-slate-500">{displayPhone(c.phone)}</p>}
        </div>
        <div className="flex shrink-0 flex-col items-end gap-1">
          <span className="text-xs text-slate-500">{formatDateTime(c.lastMessageAt, locale, timeZone)}</span>
          {c.unread > 0 && (
            <span
              className="inline-flex min-w-6 justify-center rounded-full bg-brand-600 px-2 text-xs font-semibold text-white"
              data-testid="unread-count"
              title={t('unread', { count: c.unread })}
            >
              {c.unread}
            </span>
          )}
        </div>
      </div>
      <p className="mt-1 line-clamp-2 break-words text-sm text-slate-600 dark:text-slate-300">{c.lastPreview}</p>
      <div className="mt-2 flex flex-wrap gap-1">
        {c.needsStaffAt && <Badge color="amber">{t('needsStaff')}</Badge>}
        {c.status === 'closed' && <Badge>{t('statuses.closed')}</Badge>}
        <Badge color={c.assigneeName ? 'blue' : 'slate'}>{c.assigneeName ?? t('unassigned')}</Badge>
        {c.ticketNumber !== null && <Badge color="green">{formatTicketNumber(c.ticketNumber)}</Badge>}
      </div>
    </Link>
  );
}
