import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Alert, Card } from '@/components/ui/card';
import { env } from '@/lib/env';
import { SignupForm } from './signup-form';

export default async function SignupPage() {
  const t = await getTranslations('auth');
  return (
    <Card className="space-y-4 p-6">
      <div>
        <h1 className="text-xl font-semibold">{t('signupTitle')}</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">{t('signupSubtitle')}</p>
      </div>
      {env().ALLOW_SIGNUP ? <SignupForm /> : <Alert>{t('signupDisabled')}</Alert>}
      <p className="text-center text-sm text-slate-600 dark:text-slate-400">
        {t('haveAccount')}{' '}
        <Link href="/login" className="font-medium text-brand-700 underline dark:text-brand-500">
          {t('signInLink')}
        </Link>
      </p>
    </Card>
  );
}
