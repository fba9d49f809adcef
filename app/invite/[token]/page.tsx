import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { AuthShell } from '@/components/shell/auth-shell';
import { SignOutButton } from '@/components/shell/nav';
import { buttonClass } from '@/components/ui/button';
import { Alert, Card } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { getSessionInfo } from '@/lib/auth/context';
import { findOpenInvitation } from '@/lib/users/invitations';
import { AcceptForm, JoinAsUserButton } from './accept-form';

/**
 * The same page whether or not the invited email has an account: a new person creates one
 * here; someone with an account signs in first (and comes back here) and joins with a tap.
 */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations();
  const invitation = await findOpenInvitation(getDb(), token);
  const session = invitation ? await getSessionInfo() : null;
  return (
    <AuthShell>
      <Card className="space-y-4 p-6">
        {invitation ? (
          <>
            <div>
              <h1 className="text-xl font-semibold">{t('auth.inviteTitle', { org: invitation.organizationName })}</h1>
              <p className="text-sm text-slate-600 dark:text-slate-400">
                {t('auth.inviteSubtitle', { role: t(`roles.names.${invitation.role}`), email: invitation.email })}
              </p>
            </div>
            {session ? (
              session.user.email === invitation.email.toLowerCase() ? (
                <JoinAsUserButton token={token} />
              ) : (
                <>
                  <Alert kind="warning">
                    {t('auth.inviteOtherAccount', { current: session.user.email, email: invitation.email })}
                  </Alert>
                  <SignOutButton />
                </>
              )
            ) : (
              <>
                <AcceptForm token={token} />
                <div className="space-y-2 border-t border-slate-200 pt-4 text-center dark:border-slate-800">
                  <p className="text-sm text-slate-600 dark:text-slate-400">{t('auth.inviteHaveAccount')}</p>
                  <Link
                    href={`/login?next=${encodeURIComponent(`/invite/${token}`)}`}
                    className={buttonClass('secondary', 'w-full')}
                    data-testid="invite-sign-in"
                  >
                    {t('auth.inviteSignIn')}
                  </Link>
                </div>
              </>
            )}
          </>
        ) : (
          <Alert>{t('auth.inviteInvalid')}</Alert>
        )}
      </Card>
    </AuthShell>
  );
}
