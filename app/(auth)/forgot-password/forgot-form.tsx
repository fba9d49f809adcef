'use client';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { type ReactNode, useState } from 'react';
import { requestResetCodeAction, resetWithCodeAction } from '@/app/_actions/account';
import { NewPasswordFields, PasswordResetDone } from '@/components/account/new-password-fields';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/card';
import { TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/ui/use-action-form';

/**
 * Step 1: the email (same answer for every address). Step 2: the WhatsApp code and a new
 * password. Done: the way back to sign-in (once; the hint and link below are for the steps).
 */
export function ForgotPasswordForm() {
  const t = useTranslations();
  return (
    <Steps
      footer={
        <>
          <p className="text-xs text-slate-500">{t('account.noWhatsapp')}</p>
          <Link
            href="/login"
            className="inline-flex min-h-11 items-center text-sm font-medium text-brand-700 underline dark:text-brand-500"
          >
            {t('account.backToSignIn')}
          </Link>
        </>
      }
    />
  );
}

function Steps({ footer }: { footer: ReactNode }) {
  const t = useTranslations();
  const [email, setEmail] = useState('');
  const request = useActionForm(requestResetCodeAction);
  const reset = useActionForm(resetWithCodeAction);
  if (reset.result?.ok) {
    return <PasswordResetDone />;
  }
  if (!request.result?.ok) {
    return (
      <>
        <form
          onSubmit={(e) => {
            setEmail(String(new FormData(e.currentTarget).get('email') ?? ''));
            request.onSubmit(e);
          }}
          className="space-y-4"
          noValidate
        >
          {request.error && <Alert>{request.error}</Alert>}
          <TextField
            label={t('common.email')}
            name="email"
            type="email"
            autoComplete="username"
            required
            error={request.fieldError('email')}
          />
          <Button type="submit" className="w-full" disabled={request.pending}>
            {t('account.sendCode')}
          </Button>
        </form>
        {footer}
      </>
    );
  }
  return (
    <>
      <form onSubmit={reset.onSubmit} className="space-y-4" noValidate>
        <Alert kind="success">{t('account.codeSent')}</Alert>
        {reset.error && <Alert>{reset.error}</Alert>}
        <input type="hidden" name="email" value={email} />
        <TextField
          label={t('account.resetCode')}
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          required
          error={reset.fieldError('code')}
        />
        <NewPasswordFields error={reset.fieldError('password')} pending={reset.pending} />
        <Button
          type="button"
          variant="secondary"
          className="w-full"
          onClick={() => {
            reset.clear();
            request.clear();
          }}
        >
          {t('account.newCode')}
        </Button>
      </form>
      {footer}
    </>
  );
}
