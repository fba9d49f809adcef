'use client';
import { signIn } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useRef } from 'react';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/card';
import { TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/ui/use-action-form';
import { acceptInvitationAction } from '@/lib/auth/actions';

export function AcceptForm({ token, email, hasAccount }: { token: string; email: string; hasAccount: boolean }) {
  const t = useTranslations();
  const router = useRouter();
  const password = useRef('');
  const form = useActionForm(acceptInvitationAction, async () => {
    await signIn('credentials', { redirect: false, email, password: password.current });
    router.replace('/');
    router.refresh();
  });
  return (
    <form
      onSubmit={(e) => {
        password.current = String(new FormData(e.currentTarget).get('password') ?? '');
        form.onSubmit(e);
      }}
      className="space-y-4"
      noValidate
    >
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
