'use client';
import { resetWithTokenAction } from '@/app/_actions/account';
import { NewPasswordFields, PasswordResetDone } from '@/components/account/new-password-fields';
import { Alert } from '@/components/ui/card';
import { useActionForm } from '@/components/ui/use-action-form';

export function ResetPasswordForm({ token }: { token: string }) {
  const form = useActionForm(resetWithTokenAction);
  if (form.result?.ok) {
    return <PasswordResetDone />;
  }
  return (
    <form onSubmit={form.onSubmit} className="space-y-4" noValidate>
      {form.error && <Alert>{form.error}</Alert>}
      <input type="hidden" name="token" value={token} />
      <NewPasswordFields error={form.fieldError('password')} pending={form.pending} />
    </form>
  );
}
