import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { DemoBanner } from '@/components/shell/demo-banner';
import { Card } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { getSessionInfo } from '@/lib/auth/context';
import { safeNextPath } from '@/lib/auth/next-path';
import { env } from '@/lib/env';
import { anyUserExists } from '@/lib/platform/owner';
import { LoginForm } from './login-form';

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  if (await getSessionInfo()) redirect(safeNextPath(next));
  // A fresh install has nobody to sign in: its first visitor is sent to the setup page.
  if (!(await anyUserExists(getDb()))) redirect('/setup');
  const t = await getTranslations('auth');
  const tAccount = await getTranslations('account');
  return (
    <>
      <DemoBanner />
      <Card className="space-y-4 p-6">
        <div>
          <h1 className="text-xl font-semibold">{t('signInTitle')}</h1>
          <p className="text-sm text-slate-600 dark:text-slate-400">{t('signInSubtitle')}</p>
        </div>
        <LoginForm next={safeNextPath(next)} />
        <p className="text-center text-sm">
          <Link
            href="/forgot-password"
            className="inline-flex min-h-11 items-center font-medium text-brand-700 underline dark:text-brand-500"
          >
            {tAccount('forgotLink')}
          </Link>
        </p>
        {env().ALLOW_SIGNUP && (
          <p className="text-center text-sm text-slate-600 dark:text-slate-400">
            {t('noAccount')}{' '}
            <Link
              href="/signup"
              className="inline-flex min-h-11 items-center font-medium text-brand-700 underline dark:text-brand-500"
            >
              {t('signUpLink')}
            </Link>
          </p>
        )}
      </Card>
    </>
  );
}
