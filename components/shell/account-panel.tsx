import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { LanguageSwitch } from './language-switch';
import { SignOutButton } from './nav';
import { OrgSwitcher } from './org-switcher';
import { ThemeToggle } from './theme-toggle';

/** Who is signed in, where, and the per-user switches: the same panel in the header menu and the phone sheet. */
export async function AccountPanel(props: {
  name: string;
  email: string;
  roleLabel: string;
  orgId: string;
  organizations: { id: string; name: string }[];
}) {
  const t = await getTranslations('shell');
  const tAccount = await getTranslations('account');
  return (
    <div className="space-y-3">
      <div className="text-sm">
        <p className="text-slate-500">{t('signedInAs')}</p>
        <p className="font-medium" data-testid="user-name">
          {props.name}
        </p>
        <p className="text-slate-500">
          {props.email} · {props.roleLabel}
        </p>
      </div>
      <Link
        href="/account"
        data-testid="account-link"
        className="flex min-h-11 w-full items-center rounded-lg px-3 text-sm font-medium hover:bg-slate-100 dark:hover:bg-slate-800"
      >
        {tAccount('link')}
      </Link>
      <OrgSwitcher current={props.orgId} organizations={props.organizations} />
      <LanguageSwitch />
      <ThemeToggle />
      <SignOutButton />
    </div>
  );
}
