import { redirect } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { AutoRefresh } from '@/components/ui/auto-refresh';
import { Alert, Card, EmptyState } from '@/components/ui/card';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { toLocale } from '@/lib/i18n/config';
import { listSessionsOp } from '@/lib/messaging/operations';
import { TRANSPORT_CONFIG_FIELDS } from '@/lib/messaging/transports';
import { executeOperation } from '@/lib/server/operation';
import { SessionCard } from './_components/session-card';
import { SessionForm } from './_components/session-form';
import { WAITING_STATUSES } from './_components/session-states';

/** The organization's ways out: linked phones (QR) and API accounts, in priority order. */
export default async function WhatsAppSessionsPage() {
  const { info, ctx } = await requirePage('messaging.view');
  // Staff who may only read the log land on it.
  if (!can(ctx.role, 'messaging.manage')) redirect('/whatsapp/messages');
  const t = await getTranslations('messaging');
  const locale = toLocale(await getLocale());
  const result = await executeOperation(listSessionsOp, ctx, {});
  const sessions = result.ok ? result.data : [];
  // While a phone is being linked the worker writes a new QR every ~20 s: keep it fresh.
  const waiting = sessions.some((s) => s.transport === 'baileys' && s.enabled && WAITING_STATUSES.includes(s.status));
  return (
    <div className="space-y-4">
      {waiting && <AutoRefresh seconds={3} />}
      {!result.ok && <Alert>{result.message}</Alert>}
      <p className="text-sm text-slate-600 dark:text-slate-400">{t('sessions.priorityHint')}</p>
      {sessions.length === 0 ? (
        <EmptyState title={t('sessions.emptyTitle')} hint={t('sessions.emptyHint')} />
      ) : (
        <div className="space-y-3" data-testid="sessions">
          {sessions.map((s) => (
            <SessionCard
              key={s.id}
              session={s}
              locale={locale}
              timeZone={info.org!.timezone}
              configFields={TRANSPORT_CONFIG_FIELDS}
            />
          ))}
        </div>
      )}
      <Card>
        <details open={sessions.length === 0}>
          <summary
            className="inline-flex min-h-11 cursor-pointer items-center font-medium text-brand-700 dark:text-brand-500"
            data-testid="add-session"
          >
            {t('sessions.add')}
          </summary>
          <div className="mt-3">
            <SessionForm configFields={TRANSPORT_CONFIG_FIELDS} />
          </div>
        </details>
      </Card>
    </div>
  );
}
