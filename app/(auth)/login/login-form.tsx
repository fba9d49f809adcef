'use client';
import { useRouter } from 'next/navigation';
import { signIn } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/card';
import { TextField } from '@/components/ui/field';
import { safeNextPath } from '@/lib/auth/next-path';

const KNOWN_ERRORS = ['invalid_credentials', 'rate_limited', 'account_disabled', 'otp_required', 'otp_invalid'];

/**
 * Email and password; for an account with two-factor sign-in the server answers
 * `otp_required` and the form asks for the authenticator (or recovery) code as a second step,
 * keeping what was typed.
 */
export function LoginForm({ defaultEmail = '', next = '/' }: { defaultEmail?: string; next?: string }) {
  const t = useTranslations();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [askOtp, setAskOtp] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn('credentials', {
      redirect: false,
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
      otp: String(form.get('otp') ?? ''),
    });
    if (result?.ok && !result.error) {
      router.replace(safeNextPath(next));
      router.refresh();
      return;
    }
    setPending(false);
    const code = result?.error ?? '';
    if (code === 'otp_required' || code === 'otp_invalid') setAskOtp(true);
    // The first ask for the code is a step, not an error.
    if (code === 'otp_required' && !askOtp) return;
    setError(KNOWN_ERRORS.includes(code) ? `auth.errors.${code}` : 'auth.errors.generic');
  }

  return (
    <form onSubmit={onSubmit} method="post" className="space-y-4" noValidate>
      {error && <Alert>{t(error)}</Alert>}
      <div className={askOtp ? 'hidden' : 'space-y-4'}>
        <TextField
          label={t('common.email')}
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={defaultEmail}
        />
        <TextField
          label={t('common.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          required
        />
      </div>
      {askOtp && (
        <TextField
          label={t('auth.otp')}
          name="otp"
          hint={t('auth.otpHint')}
          autoComplete="one-time-code"
          inputMode="text"
          autoFocus
          required
          data-testid="otp"
        />
      )}
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? t('auth.signingIn') : t('auth.submit')}
      </Button>
      {askOtp && (
        <Button
          type="button"
          variant="secondary"
          className="w-full"
          onClick={() => {
            setAskOtp(false);
            setError(null);
          }}
        >
          {t('auth.otherAccount')}
        </Button>
      )}
    </form>
  );
}
