import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { portalSlugForRequestHost } from '@/lib/portal/request';

/**
 * `/portal` on an ISP's own domain (portal.myisp.net.id, its custom_domain) opens that
 * ISP's portal; anywhere else it asks for the portal link the ISP gave.
 */
export default async function PortalIndexPage() {
  const slug = await portalSlugForRequestHost();
  if (slug) redirect(`/portal/${slug}`);
  const t = await getTranslations('portal.index');
  return (
    <main className="mx-auto max-w-md space-y-2 px-4 py-16 text-center" data-testid="portal-index">
      <h1 className="text-xl font-semibold">{t('title')}</h1>
      <p className="text-slate-600 dark:text-slate-400">{t('hint')}</p>
    </main>
  );
}
