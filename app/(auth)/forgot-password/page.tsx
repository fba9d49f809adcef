import { getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import { ForgotPasswordForm } from './forgot-form';

export default async function ForgotPasswordPage() {
  const t = await getTranslations('account');
  return (
    <Card className="space-y-4 p-6">
      <div>
        <h1 className="text-xl font-semibold">{t('forgotTitle')}</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">{t('forgotSubtitle')}</p>
      </div>
      <ForgotPasswordForm />
    </Card>
  );
}
