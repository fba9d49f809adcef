import { getTranslations } from 'next-intl/server';
import { AuthShell } from '@/components/shell/auth-shell';
import { SignOutButton } from '@/components/shell/nav';
import { Card } from '@/components/ui/card';

export default async function NoOrganizationPage() {
  const t = await getTranslations('noOrg');
  return (
    <AuthShell>
      <Card className="space-y-3 p-6">
        <h1 className="text-lg font-semibold">{t('title')}</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">{t('body')}</p>
        <SignOutButton />
      </Card>
    </AuthShell>
  );
}
