'use client';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/card';
import { useActionForm } from '@/components/ui/use-action-form';
import { NewPasswordFields } from '@/components/account/new-password-fields';
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
      <NewPasswordFields error={form.fieldError('password')} pending={form.pending} />
    </form>
  );
}
