'use client';
import { signIn } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/card';
import { TextField } from '@/components/ui/field';

const KNOWN_ERRORS = ['invalid_credentials', 'rate_limited', 'account_disabled'];

export function LoginForm({ defaultEmail = '', next = '/' }: { defaultEmail?: string; next?: string }) {
  const t = useTranslations();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn('credentials', {
      redirect: false,
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
    });
    if (result?.ok && !result.error) {
      router.replace(next);
      router.refresh();
      return;
    }
    setPending(false);
    setError(KNOWN_ERRORS.includes(result?.error ?? '') ? `auth.errors.${result!.error}` : 'auth.errors.generic');
  }

  return (
    <form onSubmit={onSubmit} method="post" className="space-y-4" noValidate>
      {error && <Alert>{t(error)}</Alert>}
      <TextField label={t('common.email')} name="email" type="email" autoComplete="username" required defaultValue={defaultEmail} />
      <TextField label={t('common.password')} name="password" type="password" autoComplete="current-password" required />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? t('auth.signingIn') : t('auth.submit')}
      </Button>
    </form>
  );
}
