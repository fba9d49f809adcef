import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { Alert, EmptyState } from '@/components/ui/card';
import { FilterSelect } from '@/components/ui/filter-select';
import { SearchForm } from '@/components/ui/search-form';
import { STACKED_ROW, StackedCell, StackedTable } from '@/components/ui/stacked-table';
import { Pager } from '@/components/ui/table';
import { MESSAGE_STATUSES, TEMPLATE_CATEGORIES } from '@/db/schema';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { formatDateTime } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { listMessagesOp } from '@/lib/messaging/operations';
import { executeOperation } from '@/lib/server/operation';
import { MessageStatusBadge, ResendButton } from '../_components/message-actions';

/** Every message, newest first: to whom, which template, where it got to, and why it failed. */
export default async function WhatsAppMessagesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { info, ctx } = await requirePage('messaging.view');
  const sp = await searchParams;
  const t = await getTranslations('messaging');
  const tc = await getTranslations('common');
  const locale = toLocale(await getLocale());
  const tz = info.org!.timezone;
  const params = {
    q: sp.q,
    status: sp.status ?? '',
    category: sp.category ?? '',
    customerId: sp.customerId ?? '',
    broadcastId: sp.broadcastId ?? '',
    cursor: sp.cursor,
  };
  const result = await executeOperation(listMessagesOp, ctx, params);
  const page = result.ok ? result.data : { items: [], nextCursor: null };
  const filtered = Boolean(sp.q || sp.status || sp.category || sp.customerId || sp.broadcastId || sp.cursor);
  const canResend = can(ctx.role, 'messaging.broadcast');
  return (
    <section>
      <SearchForm q={sp.q} placeholder={t('messages.searchPlaceholder')} submitLabel={tc('filter')}>
        <FilterSelect
          name="status"
          label={tc('status')}
          value={sp.status}
          allLabel={tc('all')}
          className="sm:max-w-48"
          options={MESSAGE_STATUSES.map((s) => ({ value: s, label: t(`messageStatuses.${s}`) }))}
        />
        <FilterSelect
          name="category"
          label={t('messages.category')}
          value={sp.category}
          allLabel={tc('all')}
          className="sm:max-w-48"
          options={TEMPLATE_CATEGORIES.map((c) => ({ value: c, label: t(`categories.${c}`) }))}
        />
        {sp.customerId && <input type="hidden" name="customerId" value={sp.customerId} />}
        {sp.broadcastId && <input type="hidden" name="broadcastId" value={sp.broadcastId} />}
      </SearchForm>
      {(sp.customerId || sp.broadcastId) && (
        <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
          {t(sp.customerId ? 'messages.oneCustomer' : 'messages.oneBroadcast')}{' '}
          <Link href="/whatsapp/messages" className="text-brand-700 underline dark:text-brand-500">
            {t('messages.showAll')}
          </Link>
        </p>
      )}
      {!result.ok && <Alert>{result.message}</Alert>}
      {page.items.length === 0 ? (
        filtered ? (
          <EmptyState title={t('messages.noMatch')} />
        ) : (
          <EmptyState title={t('messages.emptyTitle')} hint={t('messages.emptyHint')} />
        )
      ) : (
        <StackedTable
          testId="messages-table"
          head={[t('messages.recipient'), t('messages.category'), tc('status'), t('messages.time'), t('messages.body')]}
        >
          {page.items.map((m) => (
            <tr key={m.id} data-testid="message-row" className={STACKED_ROW.page}>
              <StackedCell className="col-span-2">
                {m.customerId ? (
                  <Link href={`/customers/${m.customerId}`} className="font-medium hover:underline">
                    {m.customerName ?? '—'}
                  </Link>
                ) : (
                  <span className="font-medium">—</span>
                )}
                <div className="font-mono text-xs text-slate-500">{m.toPhone}</div>
              </StackedCell>
              <StackedCell label={t('messages.category')}>{t(`categories.${m.category}`)}</StackedCell>
              <StackedCell label={tc('status')}>
                <span data-testid="message-status">
                  <MessageStatusBadge status={m.status} />
                </span>
                {m.error && (
                  <div
                    className="mt-1 max-w-xs break-words text-xs text-red-700 dark:text-red-400"
                    data-testid="message-error"
                  >
                    {errorText(t, m.error)}
                  </div>
                )}
                {m.sessionName && <div className="text-xs text-slate-500">{m.sessionName}</div>}
              </StackedCell>
              <StackedCell label={t('messages.time')} className="text-xs md:whitespace-nowrap">
                {formatDateTime(m.createdAt, locale, tz)}
                {m.sentAt && (
                  <div className="text-slate-500">
                    {t('messages.sentAt', { time: formatDateTime(m.sentAt, locale, tz) })}
                  </div>
                )}
              </StackedCell>
              <StackedCell label={t('messages.body')} className="col-span-2 md:max-w-sm">
                <details>
                  <summary className="min-h-11 cursor-pointer truncate py-3 text-sm">{m.body.split('\n')[0]}</summary>
                  <p className="mt-1 whitespace-pre-wrap break-words text-sm">{m.body}</p>
                </details>
                {canResend && (m.status === 'failed' || m.status === 'cancelled') && <ResendButton messageId={m.id} />}
              </StackedCell>
            </tr>
          ))}
        </StackedTable>
      )}
      <Pager
        basePath="/whatsapp/messages"
        params={params}
        nextCursor={page.nextCursor}
        labels={{ next: tc('next'), first: tc('first') }}
      />
    </section>
  );
}

/** Reasons the queue writes as codes read as the operator's words; a transport's own text is kept. */
function errorText(t: (key: string) => string, error: string) {
  return ['opted_out', 'invalid_phone', 'broadcast_cancelled', 'gateway_not_public'].includes(error)
    ? t(`messages.errors.${error}`)
    : error;
}
