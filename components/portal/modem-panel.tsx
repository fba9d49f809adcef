'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useRef, useState } from 'react';
import { portalRebootModemAction, portalSetWifiAction } from '@/app/_actions/portal-self-service';
import { Alert } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { TextField } from '@/components/ui/field';
import type { Result } from '@/lib/server/operation';

type Modem = { subscriptionId: string; ssid24: string | null; ssid5: string | null };

/**
 * WiFi name and password per band, and a restart, each confirmed first. The request goes to
 * the modem through the ACS; the page shows its state as it moves (sent, waiting, done).
 */
export function ModemPanel({ slug, modem }: { slug: string; modem: Modem }) {
  const t = useTranslations('portalSupport.modem');
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const [result, setResult] = useState<Result<unknown> | null>(null);
  const done = (r: Result<unknown>) => {
    setResult(r);
    if (r.ok) {
      form.current?.reset();
      router.refresh();
    }
  };
  const fieldError = (name: string) => (result && !result.ok ? result.fieldErrors?.[name] : undefined);
  const band = (key: '24' | '5', current: string | null) => (
    <fieldset className="space-y-3">
      <legend className="font-medium">{key === '24' ? t('wifi24') : t('wifi5')}</legend>
      {current && <p className="text-sm text-slate-600 dark:text-slate-400">{t('current', { name: current })}</p>}
      <TextField
        label={t('name')}
        name={`ssid${key}`}
        maxLength={64}
        autoComplete="off"
        error={fieldError(`ssid${key}`)}
      />
      <TextField
        label={t('password')}
        name={`password${key}`}
        type="password"
        maxLength={63}
        autoComplete="new-password"
        hint={t('passwordHint')}
        error={fieldError(`password${key}`)}
      />
    </fieldset>
  );
  return (
    <div className="space-y-4">
      <form ref={form} className="space-y-4" data-testid="portal-wifi-form" onSubmit={(e) => e.preventDefault()}>
        {band('24', modem.ssid24)}
        {band('5', modem.ssid5)}
        <ConfirmButton
          label={t('save')}
          message={t('saveConfirm')}
          variant="primary"
          testId="portal-wifi-save"
          onConfirm={async () => {
            const fields = Object.fromEntries(new FormData(form.current!).entries());
            done(await portalSetWifiAction(slug, { ...fields, subscriptionId: modem.subscriptionId }));
          }}
        />
      </form>
      <ConfirmButton
        label={t('reboot')}
        message={t('rebootConfirm')}
        variant="secondary"
        testId="portal-reboot"
        onConfirm={async () => done(await portalRebootModemAction(slug, { subscriptionId: modem.subscriptionId }))}
      />
      {result && (result.ok ? <Alert kind="success">{t('sent')}</Alert> : <Alert>{result.message}</Alert>)}
    </div>
  );
}
