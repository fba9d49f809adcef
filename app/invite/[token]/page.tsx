import { getTranslations } from 'next-intl/server';
import AuthLayout from '@/app/(auth)/layout';
import { Alert, Card } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { findOpenInvitation } from '@/lib/users/invitations';
import { AcceptForm } from './accept-form';

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations();
  const invitation = await findOpenInvitation(getDb(), token);
  return (
    <AuthLayout>
      <Card className="space-y-4 p-6">
        {invitation ? (
          <>
            <div>
              <h1 className="text-xl font-semibold">{t('auth.inviteTitle', { org: invitation.organizationName })}</h1>
              <p className="text-sm text-slate-600 dark:text-slate-400">
                {t('auth.inviteSubtitle', { role: t(`roles.names.${invitation.role}`), email: invitation.email })}
              </p>
            </div>
            {invitation.hasAccount && <Alert kind="success">{t('auth.inviteExisting')}</Alert>}
            <AcceptForm token={token} hasAccount={invitation.hasAccount} />
          </>
        ) : (
          <Alert>{t('auth.inviteInvalid')}</Alert>
        )}
      </Card>
    </AuthLayout>
  );
}
