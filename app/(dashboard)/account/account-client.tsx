'use client';
import { useRouter } from 'next/navigation';
import { signOut } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import {
  changePasswordAction,
  confirmTwoFactorAction,
  disableTwoFactorAction,
  signOutEverywhereAction,
  startTwoFactorAction,
  updateProfileAction,
} from '@/app/_actions/account';
import { Button } from '@/components/ui/button';
import { Alert, Card } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { CopyButton } from '@/components/ui/copy-button';
import { TextField } from '@/components/ui/field';
import { QrImage, useQrDataUrl } from '@/components/ui/qr-image';
import { type FormFields, useActionForm } from '@/components/ui/use-action-form';
import { clearFieldData } from '@/lib/field/sign-out';

/** Off -> scan the QR (or type the key) -> a code from the app -> the recovery codes, once. */
export function TwoFactorCard({ enabled, recoveryCodesLeft }: { enabled: boolean; recoveryCodesLeft: number }) {
  const t = useTranslations();
  const router = useRouter();
  const [setup, setSetup] = useState<{ secret: string; uri: string } | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const confirm = useActionForm(confirmTwoFactorAction, (data) => setCodes(data.recoveryCodes));
  const disable = useActionForm(disableTwoFactorAction);

  if (codes) {
    return (
      <Card>
        <h2 className="mb-2 font-semibold">{t('account.recoveryTitle')}</h2>
        <Alert kind="warning">{t('account.recoveryHint')}</Alert>
        <ol className="my-3 grid grid-cols-2 gap-2 font-mono text-sm" data-testid="recovery-codes">
          {codes.map((c) => (
            <li key={c} className="rounded bg-slate-100 px-2 py-1 text-center dark:bg-slate-800">
              {c}
            </li>
          ))}
        </ol>
        <div className="flex flex-wrap gap-2">
          <CopyButton text={codes.join('\n')} />
          <Button
            data-testid="recovery-done"
            onClick={() => {
              router.push('/');
              router.refresh();
            }}
          >
            {t('account.recoveryDone')}
          </Button>
        </div>
      </Card>
    );
  }

  return (
    <Card>
      <h2 className="mb-2 font-semibold">{t('account.twoFactorTitle')}</h2>
      <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="two-factor-state">
        {enabled ? t('account.twoFactorOn') : t('account.twoFactorOff')}
      </p>
      {enabled && (
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          {t('account.recoveryLeft', { count: recoveryCodesLeft })}
        </p>
      )}
      <div className="mt-3 space-y-3">
        {error && <Alert>{error}</Alert>}
        {!enabled && disable.result?.ok && <Alert kind="success">{t('account.turnedOff')}</Alert>}
        {!enabled && !setup && (
          <Button
            data-testid="two-factor-start"
            disabled={pending}
            onClick={() =>
              startTransition(async () => {
                const r = await startTwoFactorAction({});
                setError(r.ok ? null : r.message);
                if (r.ok) setSetup(r.data);
              })
            }
          >
            {t('account.setUp')}
          </Button>
        )}
        {!enabled && setup && <Enrol setup={setup} form={confirm} />}
        {enabled && (
          <form onSubmit={disable.onSubmit} className="space-y-3" noValidate>
            {disable.error && <Alert>{disable.error}</Alert>}
            <TextField
              label={t('account.turnOffPassword')}
              name="password"
              type="password"
              autoComplete="current-password"
              error={disable.fieldError('password')}
            />
            <Button type="submit" variant="danger" disabled={disable.pending}>
              {t('account.turnOff')}
            </Button>
          </form>
        )}
      </div>
    </Card>
  );
}

function Enrol({
  setup,
  form,
}: {
  setup: { secret: string; uri: string };
  form: ReturnType<typeof useActionForm<FormFields, { recoveryCodes: string[] }>>;
}) {
  const t = useTranslations();
  const qr = useQrDataUrl(setup.uri);
  return (
    <div className="space-y-3">
      <p className="text-sm">{t('account.scan')}</p>
      <QrImage src={qr} alt={t('account.qrAlt')} testId="two-factor-qr" />
      <p className="text-sm">
        {t('account.secretKey')}:{' '}
        <code className="break-all font-mono" data-testid="two-factor-secret">
          {setup.secret}
        </code>
      </p>
      <form onSubmit={form.onSubmit} className="space-y-3" noValidate>
        {form.error && <Alert>{form.error}</Alert>}
        <TextField
          label={t('account.code')}
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          error={form.fieldError('code')}
          data-testid="two-factor-code"
        />
        <Button type="submit" disabled={form.pending} data-testid="two-factor-confirm">
          {t('account.turnOn')}
        </Button>
      </form>
    </div>
  );
}

/** A new password ends every session, this one too: the member signs in again with it. */
export function PasswordCard({ email }: { email: string }) {
  const t = useTranslations();
  const form = useActionForm(changePasswordAction, async () => {
    await clearFieldData();
    await signOut({ callbackUrl: '/login' });
  });
  return (
    <Card>
      <h2 className="mb-3 font-semibold">{t('account.passwordTitle')}</h2>
      <form onSubmit={form.onSubmit} className="space-y-3" noValidate>
        {form.error && <Alert>{form.error}</Alert>}
        {form.result?.ok && <Alert kind="success">{t('account.passwordChanged')}</Alert>}
        {/* Lets password managers file the new password under the right account. */}
        <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
        <TextField
          label={t('account.currentPassword')}
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          error={form.fieldError('currentPassword')}
        />
        <TextField
          label={t('account.newPassword')}
          name="newPassword"
          type="password"
          autoComplete="new-password"
          hint={t('account.newPasswordHint')}
          error={form.fieldError('newPassword')}
        />
        <Button type="submit" disabled={form.pending}>
          {t('account.changePassword')}
        </Button>
      </form>
    </Card>
  );
}

export function PhoneCard({ phone }: { phone: string | null }) {
  const t = useTranslations();
  const form = useActionForm(updateProfileAction);
  return (
    <Card>
      <h2 className="mb-3 font-semibold">{t('account.profileTitle')}</h2>
      <form onSubmit={form.onSubmit} className="space-y-3" noValidate>
        {form.error && <Alert>{form.error}</Alert>}
        {form.result?.ok && <Alert kind="success">{t('account.profileSaved')}</Alert>}
        <TextField
          label={t('account.phone')}
          name="phone"
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          defaultValue={phone ?? ''}
          hint={t('account.phoneHint')}
          error={form.fieldError('phone')}
        />
        <Button type="submit" disabled={form.pending}>
          {form.pending ? t('common.saving') : t('common.save')}
        </Button>
      </form>
    </Card>
  );
}

export function SessionsCard() {
  const t = useTranslations();
  const [error, setError] = useState<string | null>(null);
  return (
    <Card>
      <h2 className="mb-2 font-semibold">{t('account.sessionsTitle')}</h2>
      <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">{t('account.signOutEverywhereHint')}</p>
      {error && <Alert>{error}</Alert>}
      <ConfirmButton
        label={t('account.signOutEverywhere')}
        message={t('account.signOutEverywhereConfirm')}
        testId="sign-out-everywhere"
        onConfirm={async () => {
          const r = await signOutEverywhereAction({});
          if (r.ok) {
            await clearFieldData();
            await signOut({ callbackUrl: '/login' });
          } else setError(r.message);
        }}
      />
    </Card>
  );
}
