'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import {
  deleteEndpointAction,
  resendFailedAction,
  sendTestEventAction,
  setEndpointEnabledAction,
} from '@/app/_actions/webhooks';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';

/**
 * Send a test event, turn off / on, delete (each asks first when it takes something away);
 * once on again, send the deliveries it missed while it was off.
 */
export function EndpointActions({
  endpointId,
  enabled,
  missedWhileOff,
}: {
  endpointId: string;
  enabled: boolean;
  missedWhileOff: number;
}) {
  const t = useTranslations('webhooks');
  const router = useRouter();
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  return (
    <div className="space-y-3">
      {note && <Alert kind={note.ok ? 'success' : 'error'}>{note.text}</Alert>}
      {enabled && missedWhileOff > 0 && (
        <div className="space-y-2" data-testid="webhook-missed">
          <Alert kind="warning">{t('missedWhileOff', { count: missedWhileOff })}</Alert>
          <Button
            data-testid="webhook-resend-failed"
            disabled={pending}
            onClick={() =>
              start(async () => {
                const r = await resendFailedAction({ endpointId });
                setNote(
                  r.ok
                    ? { ok: true, text: t('resendQueued', { count: r.data.count }) }
                    : { ok: false, text: r.message },
                );
                if (r.ok) router.refresh();
              })
            }
          >
            {t('resendFailed')}
          </Button>
        </div>
      )}
      <div className="flex flex-wrap gap-2">
        {enabled && (
          <Button
            data-testid="webhook-test"
            disabled={pending}
            onClick={() =>
              start(async () => {
                const r = await sendTestEventAction({ endpointId });
                setNote(
                  r.ok
                    ? { ok: true, text: t('testQueued', { type: r.data.eventType }) }
                    : { ok: false, text: r.message },
                );
                if (r.ok) router.refresh();
              })
            }
          >
            {t('sendTest')}
          </Button>
        )}
        {enabled ? (
          <ConfirmButton
            label={t('disable')}
            message={t('disableConfirm')}
            variant="secondary"
            testId="webhook-disable"
            onConfirm={async () => {
              const r = await setEndpointEnabledAction({ endpointId, enabled: false });
              if (!r.ok) setNote({ ok: false, text: r.message });
            }}
          />
        ) : (
          <Button
            variant="secondary"
            data-testid="webhook-enable"
            disabled={pending}
            onClick={() =>
              start(async () => {
                const r = await setEndpointEnabledAction({ endpointId, enabled: true });
                if (!r.ok) setNote({ ok: false, text: r.message });
              })
            }
          >
            {t('enable')}
          </Button>
        )}
        <ConfirmButton
          label={t('delete')}
          message={t('deleteConfirm')}
          testId="webhook-delete"
          onConfirm={async () => {
            const r = await deleteEndpointAction({ endpointId });
            if (r.ok) router.push('/settings/webhooks');
            else setNote({ ok: false, text: r.message });
          }}
        />
      </div>
    </div>
  );
}
