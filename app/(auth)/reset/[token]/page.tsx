import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Alert, Card } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { findOpenResetLink } from '@/lib/account/resets';
import { ResetPasswordForm } from './reset-form';

/** The link an admin issued: whoever holds it sets a new password, once, within 30 minutes. */
export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations('account');
  const open = token.length >= 20 && token.length <= 100 ? await findOpenResetLink(getDb(), { token }) : null;
  return (
    <Card className="space-y-4 p-6">
      <div>
        <h1 className="text-xl font-semibold">{t('resetTitle')}</h1>
        {open && <p className="text-sm text-slate-600 dark:text-slate-400">{t('resetFor', { email: open.email })}</p>}
      </div>
      {open ? <ResetPasswordForm token={token} /> : <Alert>{t('resetInvalid')}</Alert>}
      {!open && (
        <Link
          href="/login"
          className="inline-flex min-h-11 items-center font-medium text-brand-700 underline dark:text-brand-500"
        >
          {t('backToSignIn')}
        </Link>
      )}
    </Card>
  );
}
