import { ChevronRight } from 'lucide-react';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { PortalSignOutButton } from '@/components/portal/sign-out-button';
import { PORTAL_MORE } from '@/lib/portal/nav';
import { executePortalOperation } from '@/lib/portal/operation';
import { portalMoreOp } from '@/lib/portal/operations';
import { requirePortal } from '@/lib/portal/request';

/** "More": the portal's other pages (the modem only when the visitor has one the ISP manages), sign out. */
export default async function PortalMorePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { org, ctx } = await requirePortal(slug);
  const t = await getTranslations('portal');
  const more = await executePortalOperation(portalMoreOp, ctx, {});
  const modem = more.ok && more.data.modem;
  const items = PORTAL_MORE.filter((i) => i.needs !== 'modem' || modem);
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">{t('nav.more')}</h1>
      <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
        {items.map((i) => (
          <li key={i.key}>
            <Link
              href={`/portal/${org.slug}${i.path}`}
              className="flex min-h-12 items-center justify-between gap-3 px-4"
              data-testid={`portal-more-${i.key}`}
            >
              {t(`more.${i.key}`)}
              <ChevronRight size={18} className="text-slate-400" aria-hidden />
            </Link>
          </li>
        ))}
      </ul>
      <PortalSignOutButton slug={org.slug} />
    </div>
  );
}
