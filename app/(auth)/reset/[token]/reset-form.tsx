'use client';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/card';
import { TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/ui/use-action-form';
import { resetWithTokenAction } from '@/lib/account/actions';

export function ResetPasswordForm({ token }: { token: string }) {
  const t = useTranslations();
  const form = useActionForm(resetWithTokenAction);
  if (form.result?.ok) {
    return (
      <div className="space-y-3">
        <Alert kind="success">{t('account.resetDone')}</Alert>
        <Link href="/login" className="inline-flex min-h-11 items-center font-medium text-brand-700 underline dark:text-brand-500">
          {t('account.backToSignIn')}
        </Link>
      </div>
    );
  }
  return (
    <form onSubmit={form.onSubmit} className="space-y-4" noValidate>
      {form.error && <Alert>{form.error}</Alert>}
      <input type="hidden" name="token" value={token} />
      <TextField
        label={t('account.newPassword')}
        name="password"
        type="password"
        autoComplete="new-password"
        hint={t('account.newPasswordHint')}
        required
        error={form.fieldError('password')}
      />
      <Button type="submit" className="w-full" disabled={form.pending}>
        {t('account.setPassword')}
      </Button>
    </form>
  );
}
