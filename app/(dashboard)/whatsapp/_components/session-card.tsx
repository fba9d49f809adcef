'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { deleteSessionAction, logoutSessionAction, relinkSessionAction } from '@/app/_actions/messaging';
import { Button } from '@/components/ui/button';
import { Alert, Badge, Card } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';
import type { SessionStatus } from '@/db/schema';
import { formatDateTime } from '@/lib/format';
import type { Locale } from '@/lib/i18n/config';
import type { listSessions } from '@/lib/messaging/sessions';
import type { HttpTransportKind, TransportConfigField } from '@/lib/messaging/transports';
import { GATEWAY_NOT_PUBLIC } from '@/lib/messaging/types';
import { QrImage } from './qr-image';
import { SessionForm } from './session-form';
import { WAITING_STATUSES } from './session-states';

type Session = Awaited<ReturnType<typeof listSessions>>[number];

const STATUS_COLOR = {
  new: 'amber',
  qr: 'amber',
  connecting: 'blue',
  connected: 'green',
  disconnected: 'red',
  logged_out: 'slate',
  failed: 'red',
} as const;

export function SessionStatusBadge({ status }: { status: SessionStatus }) {
  const t = useTranslations('messaging.sessionStatuses');
  return <Badge color={STATUS_COLOR[status]}>{t(status)}</Badge>;
}

/** One session: its state, limits and last problem; the QR while a phone is being linked. */
export function SessionCard({
  session: s,
  locale,
  timeZone,
  configFields,
}: {
  session: Session;
  locale: Locale;
  timeZone: string;
  configFields: Record<HttpTransportKind, TransportConfigField[]>;
}) {
  const t = useTranslations('messaging.sessions');
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const act = async (run: () => Promise<{ ok: true } | { ok: false; message: string }>) => {
    const r = await run();
    setError(r.ok ? null : r.message);
    if (r.ok) router.refresh();
  };
  const linking = s.transport === 'baileys' && s.enabled && WAITING_STATUSES.includes(s.status);
  const dt = (d: Date | null) => (d ? formatDateTime(d, locale, timeZone) : '—');
  return (
    <Card className="space-y-3">
      <div data-testid="session-card" data-session-id={s.id} className="space-y-3">
        <div className="flex flex-wrap items-start justify-between gap-2">
          <div className="min-w-0">
            <h2 className="font-semibold">{s.name}</h2>
            <p className="text-sm text-slate-500">
              {t(`transports.${s.transport}`)} · {t('priorityN', { n: s.priority })}
            </p>
          </div>
          <div className="flex flex-wrap gap-2" data-testid="session-status">
            <SessionStatusBadge status={s.status} />
            {!s.enabled && <Badge>{t('disabled')}</Badge>}
          </div>
        </div>
        <dl className="grid grid-cols-[8rem_1fr] gap-x-3 gap-y-1 text-sm sm:grid-cols-[10rem_1fr]">
          <dt className="text-slate-500">{t('phone')}</dt>
          <dd data-testid="session-phone">{s.phone ?? '—'}</dd>
          <dt className="text-slate-500">{t('sentToday')}</dt>
          <dd>
            {t('sentOfCap', { sent: s.sentToday, cap: s.dailyCap })} · {t('perMinuteShort', { n: s.perMinute })}
          </dd>
          <dt className="text-slate-500">{t('lastActivity')}</dt>
          <dd>{dt(s.lastActivityAt)}</dd>
          {Object.entries(s.configHints).map(([key, hint]) =>
            hint ? (
              <div key={key} className="contents">
                <dt className="text-slate-500">{t(`config.${key}`)}</dt>
                <dd className="break-all font-mono text-xs">{hint}</dd>
              </div>
            ) : null,
          )}
        </dl>
        {s.lastError && (
          <p
            className="break-words rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200"
            data-testid="session-error"
          >
            {t('lastError')}: {s.lastError === GATEWAY_NOT_PUBLIC ? t(`errors.${GATEWAY_NOT_PUBLIC}`) : s.lastError}
          </p>
        )}
        {linking && <PairingPanel qr={s.qr} name={s.name} />}
        {error && <Alert>{error}</Alert>}
        <details>
          <summary className="inline-flex min-h-11 cursor-pointer items-center text-sm font-medium text-brand-700 dark:text-brand-500">
            {t('edit')}
          </summary>
          <div className="mt-2">
            <SessionForm
              session={{
                id: s.id,
                name: s.name,
                transport: s.transport,
                priority: s.priority,
                perMinute: s.perMinute,
                dailyCap: s.dailyCap,
                enabled: s.enabled,
                configHints: s.configHints,
              }}
              configFields={configFields}
            />
          </div>
        </details>
        <div className="flex flex-wrap gap-2">
          {s.transport === 'baileys' && !['new', 'logged_out'].includes(s.status) && (
            <ConfirmButton
              label={t('logout')}
              message={t('logoutConfirm', { name: s.name })}
              variant="secondary"
              testId={`logout-${s.id}`}
              disabled={Boolean(s.logoutRequestedAt)}
              onConfirm={() => act(() => logoutSessionAction({ sessionId: s.id }))}
            />
          )}
          {s.transport === 'baileys' && s.status === 'logged_out' && (
            <Button
              variant="secondary"
              onClick={() => act(() => relinkSessionAction({ sessionId: s.id }))}
              data-testid={`relink-${s.id}`}
            >
              {t('relink')}
            </Button>
          )}
          <ConfirmButton
            label={t('delete')}
            message={t('deleteConfirm', { name: s.name })}
            testId={`delete-${s.id}`}
            onConfirm={() => act(() => deleteSessionAction({ sessionId: s.id }))}
          />
        </div>
      </div>
    </Card>
  );
}

/** WhatsApp on the phone → Linked devices → Link a device, then scan. */
function PairingPanel({ qr, name }: { qr: string | null; name: string }) {
  const t = useTranslations('messaging.sessions');
  return (
    <div
      className="grid gap-4 rounded-lg border border-amber-200 bg-amber-50 p-3 sm:grid-cols-[16rem_1fr] dark:border-amber-900 dark:bg-amber-950/40"
      data-testid="pairing"
    >
      {qr ? (
        <QrImage text={qr} alt={t('qrAlt', { name })} />
      ) : (
        <div className="grid h-64 place-items-center text-center text-sm text-slate-500">{t('waitingQr')}</div>
      )}
      <div className="space-y-2 text-sm">
        <p className="font-medium">{t('pairTitle')}</p>
        <ol className="list-decimal space-y-1 pl-5">
          <li>{t('pairStep1')}</li>
          <li>{t('pairStep2')}</li>
          <li>{t('pairStep3')}</li>
          <li>{t('pairStep4')}</li>
        </ol>
        <p className="text-xs text-slate-500">{t('pairHint')}</p>
      </div>
    </div>
  );
}
