'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { portalPasswordSignInAction, requestPortalCodeAction, verifyPortalCodeAction } from '@/app/_actions/portal';
import { Button } from '@/components/ui/button';
import { Alert, Card } from '@/components/ui/card';
import { TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/ui/use-action-form';

type Mode = 'code' | 'password';

/** Phone → code (two steps), or customer number + password; a tab row switches between them. */
export function PortalLoginForm({
  slug,
  codeAvailable,
  minutes,
}: {
  slug: string;
  codeAvailable: boolean;
  minutes: number;
}) {
  const t = useTranslations('portal.login');
  const router = useRouter();
  const [mode, setMode] = useState<Mode>(codeAvailable ? 'code' : 'password');
  const [phone, setPhone] = useState<string | null>(null);
  const signedIn = () => router.replace(`/portal/${slug}`);
  const ask = useActionForm(requestPortalCodeAction, (d) => setPhone(d.phone));
  const verify = useActionForm(verifyPortalCodeAction, signedIn);
  const password = useActionForm(portalPasswordSignInAction, signedIn);
  return (
    <div className="space-y-4">
      {/* biome-ignore lint/a11y/useSemanticElements: two buttons acting as tabs, not form fields */}
      <div className="grid grid-cols-2 rounded-lg border border-slate-300 p-0.5 dark:border-slate-700" role="group">
        {(['code', 'password'] as const).map((m) => (
          <button
            key={m}
            type="button"
            aria-pressed={mode === m}
            data-testid={`portal-login-mode-${m}`}
            onClick={() => setMode(m)}
            className={`min-h-11 rounded-md px-2 text-sm font-medium ${mode === m ? 'bg-brand-600 text-white' : 'text-slate-700 dark:text-slate-300'}`}
          >
            {t(`mode.${m}`)}
          </button>
        ))}
      </div>

      {mode === 'code' && !codeAvailable && (
        <Alert kind="warning">
          <span data-testid="portal-code-unavailable">{t('codeUnavailable')}</span>
        </Alert>
      )}

      {mode === 'code' && codeAvailable && !phone && (
        <form onSubmit={ask.onSubmit} className="space-y-3" noValidate data-testid="portal-code-request">
          <input type="hidden" name="slug" value={slug} />
          {ask.error && !ask.fieldError('phone') && <Alert>{ask.error}</Alert>}
          <Card className="space-y-3">
            <TextField
              label={t('phone')}
              name="phone"
              type="tel"
              inputMode="tel"
              autoComplete="tel"
              placeholder="0812-3456-7890"
              hint={t('phoneHint')}
              error={ask.fieldError('phone')}
            />
            <Button type="submit" disabled={ask.pending} className="w-full" data-testid="portal-send-code">
              {t('sendCode')}
            </Button>
          </Card>
        </form>
      )}

      {mode === 'code' && codeAvailable && phone && (
        <form onSubmit={verify.onSubmit} className="space-y-3" noValidate data-testid="portal-code-verify">
          <input type="hidden" name="slug" value={slug} />
          <input type="hidden" name="phone" value={phone} />
          <Alert kind="success">
            <span data-testid="portal-code-sent">{t('codeSent', { minutes })}</span>
          </Alert>
          {verify.error && <Alert>{verify.error}</Alert>}
          <Card className="space-y-3">
            <TextField
              label={t('code')}
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              pattern="[0-9]*"
              error={verify.fieldError('code')}
            />
            <Button type="submit" disabled={verify.pending} className="w-full" data-testid="portal-verify-code">
              {t('signIn')}
            </Button>
            <Button
              type="button"
              variant="ghost"
              className="w-full"
              onClick={() => {
                setPhone(null);
                ask.clear();
                verify.clear();
              }}
            >
              {t('otherNumber')}
            </Button>
          </Card>
        </form>
      )}

      {mode === 'password' && (
        <form onSubmit={password.onSubmit} className="space-y-3" noValidate data-testid="portal-password-form">
          <input type="hidden" name="slug" value={slug} />
          {password.error && <Alert>{password.error}</Alert>}
          <Card className="space-y-3">
            <TextField
              label={t('customerNumber')}
              name="customerNumber"
              autoComplete="username"
              placeholder="C-000123"
              hint={t('customerNumberHint')}
              error={password.fieldError('customerNumber')}
            />
            <TextField
              label={t('password')}
              name="password"
              type="password"
              autoComplete="current-password"
              error={password.fieldError('password')}
            />
            <Button type="submit" disabled={password.pending} className="w-full" data-testid="portal-password-submit">
              {t('signIn')}
            </Button>
          </Card>
          <p className="text-sm text-slate-600 dark:text-slate-400">{t('passwordHint')}</p>
        </form>
      )}
    </div>
  );
}
