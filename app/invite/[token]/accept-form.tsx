'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { acceptInvitationAction, acceptInvitationAsUserAction } from '@/app/_actions/auth';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/card';
import { TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/ui/use-action-form';
import { useSignInAfter } from '@/components/ui/use-sign-in-after';

/** A new person: name and a new password, then signed in. */
export function AcceptForm({ token }: { token: string }) {
  const t = useTranslations();
  const form = useSignInAfter(acceptInvitationAction);
  return (
    <form onSubmit={form.onSubmit} method="post" className="space-y-4" noValidate>
      {form.error && <Alert>{form.error}</Alert>}
      <input type="hidden" name="token" value={token} />
      <TextField label={t('common.name')} name="name" autoComplete="name" required error={form.fieldError('name')} />
      <TextField
        label={t('auth.newPassword')}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        error={form.fieldError('password')}
      />
      <Button type="submit" className="w-full" disabled={form.pending}>
        {t('auth.inviteCreateAccount')}
      </Button>
    </form>
  );
}

/** Signed in as the invited email: one tap joins. */
export function JoinAsUserButton({ token }: { token: string }) {
  const t = useTranslations();
  const router = useRouter();
  const form = useActionForm(acceptInvitationAsUserAction, () => {
    router.replace('/');
    router.refresh();
  });
  return (
    <form onSubmit={form.onSubmit} method="post" className="space-y-4" noValidate>
      {form.error && <Alert>{form.error}</Alert>}
      <input type="hidden" name="token" value={token} />
      <Button type="submit" className="w-full" disabled={form.pending} data-testid="invite-join">
        {t('auth.inviteAccept')}
      </Button>
    </form>
  );
}
