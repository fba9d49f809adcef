'use client';
import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { revealSecretAction, rotateSecretAction } from '@/app/_actions/webhooks';
import { Button } from '@/components/ui/button';
import { Alert, Card } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { CopyButton } from '@/components/ui/copy-button';

/** The signing secret: masked, shown on request (audited) with a copy button, or replaced. */
export function SecretCard({ endpointId, hint }: { endpointId: string; hint: string }) {
  const t = useTranslations('webhooks');
  const [secret, setSecret] = useState<string | null>(null);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  return (
    <Card className="space-y-3">
      <h2 className="font-semibold">{t('secretTitle')}</h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">{t('secretHint')}</p>
      {note && <Alert kind={note.ok ? 'success' : 'error'}>{note.text}</Alert>}
      <code
        className="block break-all rounded-lg bg-slate-100 p-3 text-sm dark:bg-slate-800"
        data-testid="webhook-secret"
      >
        {secret ?? hint}
      </code>
      <div className="flex flex-wrap gap-2">
        {secret ? (
          <>
            <CopyButton text={secret} testId="webhook-secret-copy" />
            <Button variant="ghost" onClick={() => setSecret(null)}>
              {t('hide')}
            </Button>
          </>
        ) : (
          <Button
            variant="secondary"
            disabled={pending}
            data-testid="webhook-reveal"
            onClick={() =>
              start(async () => {
                const r = await revealSecretAction({ endpointId });
                if (r.ok) setSecret(r.data.secret);
                else setNote({ ok: false, text: r.message });
              })
            }
          >
            {t('reveal')}
          </Button>
        )}
        <ConfirmButton
          label={t('rotate')}
          message={t('rotateConfirm')}
          testId="webhook-rotate"
          onConfirm={async () => {
            const r = await rotateSecretAction({ endpointId });
            if (r.ok) {
              setSecret(r.data.secret);
              setNote({ ok: true, text: t('rotated') });
            } else setNote({ ok: false, text: r.message });
          }}
        />
      </div>
    </Card>
  );
}
