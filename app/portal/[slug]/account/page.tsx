import { getLocale, getTranslations } from 'next-intl/server';
import { displayPhone } from '@/components/inbox/conversation-card';
import { PortalPasswordForm } from '@/components/portal/password-form';
import { PortalSignOutButton } from '@/components/portal/sign-out-button';
import { Card } from '@/components/ui/card';
import { formatCustomerNumber } from '@/lib/core/customer-number';
import { formatDateTime } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { executePortalOperation } from '@/lib/portal/operation';
import { portalAccountOp } from '@/lib/portal/operations';
import { requirePortal } from '@/lib/portal/request';

/** The visitor's account: who is signed in, the portal password per customer, sign out. */
export default async function PortalAccountPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { org, ctx } = await requirePortal(slug);
  const t = await getTranslations('portal.account');
  const locale = toLocale(await getLocale());
  const result = await executePortalOperation(portalAccountOp, ctx, {});
  if (!result.ok) throw new Error(result.message);
  const { customers, phone, byPassword } = result.data;
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">{t('title')}</h1>
      <Card className="space-y-1 text-sm">
        <p data-testid="portal-signed-in-as">
          {phone
            ? t.rich('signedInPhone', {
                phone: () => <span className="whitespace-nowrap">{displayPhone(phone)}</span>,
              })
            : t('signedInNumber', { number: formatCustomerNumber(customers[0]?.number ?? 0) })}
        </p>
        <ul className="text-slate-600 dark:text-slate-400">
          {customers.map((c) => (
            <li key={c.id}>
              {formatCustomerNumber(c.number)} · {c.name} ·{' '}
              {c.setAt ? t('passwordSetAt', { at: formatDateTime(c.setAt, locale, org.timezone) }) : t('noPassword')}
            </li>
          ))}
        </ul>
      </Card>
      <h2 className="font-semibold">{t('passwordTitle')}</h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">{t('passwordHint')}</p>
      <PortalPasswordForm
        slug={org.slug}
        needsCurrent={byPassword}
        customers={customers.map((c) => ({
          id: c.id,
          number: formatCustomerNumber(c.number),
          name: c.name,
          hasPassword: Boolean(c.setAt),
        }))}
      />
      <PortalSignOutButton slug={org.slug} />
    </div>
  );
}
