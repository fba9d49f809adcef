import { getTranslations } from 'next-intl/server';
import { Alert, PageHeader } from '@/components/ui/card';
import { getAccountOp } from '@/lib/account/operations';
import { requirePage } from '@/lib/auth/context';
import { PasswordCard, PhoneCard, SessionsCard, TwoFactorCard } from './account-client';

/** A member's own account; also where an organization that requires 2FA sends them first. */
export default async function AccountPage() {
  const { info, read } = await requirePage(undefined, { duringEnrolment: true });
  const t = await getTranslations('account');
  const account = await read(getAccountOp, {});
  return (
    <div className="max-w-xl space-y-6">
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      {info.mustEnrolTwoFactor && (
        <div data-testid="enrol-required">
          <Alert kind="warning">{t('enrolRequired', { org: info.org!.name })}</Alert>
        </div>
      )}
      <TwoFactorCard enabled={account.twoFactor} recoveryCodesLeft={account.recoveryCodesLeft} />
      <PasswordCard email={account.email} />
      <PhoneCard phone={account.phone} />
      <SessionsCard />
    </div>
  );
}
