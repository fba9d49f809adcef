'use client';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/card';
import { TextField } from '@/components/ui/field';
import { useSignInAfter } from '@/components/ui/use-sign-in-after';
import { acceptInvitationAction } from '@/lib/auth/actions';

export function AcceptForm({ token, hasAccount }: { token: string; hasAccount: boolean }) {
  const t = useTranslations();
  const form = useSignInAfter(acceptInvitationAction);
  return (
    <form onSubmit={form.onSubmit} method="post" className="space-y-4" noValidate>
      {form.error && <Alert>{form.error}</Alert>}
      <input type="hidden" name="token" value={token} />
      {hasAccount ? (
        <input type="hidden" name="name" value="(existing)" />
      ) : (
        <TextField label={t('common.name')} name="name" autoComplete="name" required error={form.fieldError('name')} />
      )}
      <TextField
        label={t('common.password')}
        name="password"
        type="password"
        autoComplete={hasAccount ? 'current-password' : 'new-password'}
        required
        error={form.fieldError('password')}
      />
      <Button type="submit" className="w-full" disabled={form.pending}>
        {t('auth.inviteAccept')}
      </Button>
    </form>
  );
}
