import { getTranslations } from 'next-intl/server';
import { Badge, Card } from '@/components/ui/card';
import { formatDateTime } from '@/lib/format';
import type { Locale } from '@/lib/i18n/config';
import type { ConversationView } from '@/lib/inbox/queries';

const STATUS_COLOR = {
  queued: 'slate',
  sending: 'slate',
  sent: 'blue',
  delivered: 'blue',
  read: 'green',
  failed: 'red',
  cancelled: 'red',
} as const;

/** Codes the queue writes read as words; a transport's own text is shown as it came. */
const KNOWN_ERRORS = ['opted_out', 'invalid_phone', 'gateway_not_public'];

/** The lines, oldest first: the customer's on the left, the assistant's and staff's on the right with their delivery state. */
export async function Thread({
  lines,
  locale,
  timeZone,
  fromCustomer,
}: {
  lines: ConversationView['lines'];
  locale: Locale;
  timeZone: string;
  /** Whether the number is a customer's: a stranger's lines say "sender", not "customer". */
  fromCustomer: boolean;
}) {
  const t = await getTranslations();
  if (lines.length === 0) return <Card>{t('inbox.noLines')}</Card>;
  return (
    <ol className="space-y-2" data-testid="thread">
      {lines.map((l) => {
        const inbound = l.author === 'customer';
        const who =
          l.author === 'customer'
            ? t(fromCustomer ? 'inbox.authors.customer' : 'inbox.authors.sender')
            : l.author === 'assistant'
              ? l.intent
                ? t('inbox.authors.assistantIntent', { intent: l.intent })
                : t('inbox.authors.assistant')
              : (l.authorName ?? t('inbox.authors.staff'));
        return (
          <li
            key={l.id}
            data-testid="thread-line"
            data-author={l.author}
            className={`flex ${inbound ? 'justify-start' : 'justify-end'}`}
          >
            <div
              className={`min-w-0 max-w-[85%] rounded-xl px-3 py-2 ${
                inbound
                  ? 'bg-white shadow-sm dark:bg-slate-900'
                  : l.author === 'assistant'
                    ? 'bg-sky-50 dark:bg-sky-950/40'
                    : 'bg-emerald-50 dark:bg-emerald-950/40'
              }`}
            >
              <p className="text-xs font-medium text-slate-500">{who}</p>
              <p className="whitespace-pre-line break-words">{l.body}</p>
              <div className="mt-1 flex flex-wrap items-center justify-end gap-1 text-xs text-slate-500">
                <span>{formatDateTime(l.createdAt, locale, timeZone)}</span>
                {l.messageStatus && (
                  <span data-testid="line-status" data-status={l.messageStatus}>
                    <Badge color={STATUS_COLOR[l.messageStatus]}>
                      {t(`messaging.messageStatuses.${l.messageStatus}`)}
                    </Badge>
                  </span>
                )}
              </div>
              {l.messageError && (l.messageStatus === 'failed' || l.messageStatus === 'cancelled') && (
                <p className="mt-1 text-xs text-red-700 dark:text-red-400" data-testid="line-error">
                  {KNOWN_ERRORS.includes(l.messageError)
                    ? t(`inbox.sendErrors.${l.messageError}`)
                    : t('inbox.sendErrors.other', { error: l.messageError })}
                </p>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
