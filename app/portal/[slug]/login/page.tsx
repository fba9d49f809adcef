import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { PortalLoginForm } from '@/components/portal/login-form';
import { CODE_MINUTES } from '@/lib/portal/codes';
import { getPortalCtx, portalCodeOffered, requirePortalOrg } from '@/lib/portal/request';

/**
 * Sign-in: a code by WhatsApp to the customer's number, or the customer number and a
 * password. Without a connected WhatsApp session the code is not offered (and nothing is
 * said about any number): the password, or the ISP's own contact.
 */
export default async function PortalLoginPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const org = await requirePortalOrg(slug);
  if (await getPortalCtx(slug)) redirect(`/portal/${org.slug}`);
  const t = await getTranslations('portal.login');
  const codeAvailable = await portalCodeOffered(org.id);
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold">{t('title')}</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">{t('subtitle', { name: org.name })}</p>
      </div>
      <PortalLoginForm slug={org.slug} codeAvailable={codeAvailable} minutes={CODE_MINUTES} />
    </div>
  );
}
