import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { AuthShell } from '@/components/shell/auth-shell';
import { Alert, Card } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { platformOwnerExists } from '@/lib/platform/owner';
import { SetupForm } from './setup-form';

/** First run: creates the platform owner, with the token `npm start` printed. Gone after that. */
export default async function SetupPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  const t = await getTranslations('setup');
  const done = await platformOwnerExists(getDb());
  return (
    <AuthShell>
      <Card className="space-y-4 p-6" data-testid="setup">
        <div>
          <h1 className="text-xl font-semibold">{t('title')}</h1>
          {!done && <p className="text-sm text-slate-600 dark:text-slate-400">{t('subtitle')}</p>}
        </div>
        {done ? (
          <>
            <Alert kind="success">{t('done')}</Alert>
            <Link href="/login" className="block text-center font-medium text-brand-700 underline dark:text-brand-500">
              {t('signIn')}
            </Link>
          </>
        ) : (
          <SetupForm token={typeof token === 'string' ? token : ''} />
        )}
      </Card>
    </AuthShell>
  );
}
