'use client';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/card';
import { TextField } from '@/components/ui/field';

/** The new password and its submit button, as the reset-link and WhatsApp-code forms ask them. */
export function NewPasswordFields({ error, pending }: { error?: string; pending: boolean }) {
  const t = useTranslations();
  return (
    <>
      <TextField
        label={t('account.newPassword')}
        name="password"
        type="password"
        autoComplete="new-password"
        hint={t('account.newPasswordHint')}
        required
        error={error}
      />
      <Button type="submit" className="w-full" disabled={pending}>
        {t('account.setPassword')}
      </Button>
    </>
  );
}

/** After a reset (by link or by WhatsApp code): done, and the way back to sign-in. */
export function PasswordResetDone() {
  const t = useTranslations();
  return (
    <div className="space-y-3">
      <Alert kind="success">{t('account.resetDone')}</Alert>
      <Link
        href="/login"
        className="inline-flex min-h-11 items-center font-medium text-brand-700 underline dark:text-brand-500"
      >
        {t('account.backToSignIn')}
      </Link>
    </div>
  );
}
