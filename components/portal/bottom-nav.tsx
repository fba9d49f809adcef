'use client';
import { FileText, Home, LifeBuoy, Menu } from 'lucide-react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';

const ICONS = { home: Home, invoices: FileText, tickets: LifeBuoy, more: Menu } as const;

type Item = { key: keyof typeof ICONS; path: string };

/**
 * The portal's four tabs, fixed at the bottom of a phone's screen. The items come from the
 * server (PORTAL_BOTTOM in lib/portal/nav.ts, which also holds a database query and so stays
 * out of the browser bundle).
 */
export function PortalBottomNav({ slug, items }: { slug: string; items: readonly Item[] }) {
  const t = useTranslations('portal.nav');
  const pathname = usePathname();
  const base = `/portal/${slug}`;
  return (
    <nav
      aria-label={t('label')}
      className="fixed inset-x-0 bottom-0 z-20 border-t border-slate-200 bg-white pb-[env(safe-area-inset-bottom)] dark:border-slate-800 dark:bg-slate-900"
      data-testid="portal-bottom-nav"
    >
      <ul className="mx-auto grid max-w-xl grid-cols-4">
        {items.map((item) => {
          const href = `${base}${item.path}`;
          const active = item.path === '' ? pathname === base : pathname.startsWith(href);
          const Icon = ICONS[item.key];
          return (
            <li key={item.key}>
              <Link
                href={href}
                aria-current={active ? 'page' : undefined}
                data-testid={`portal-nav-${item.key}`}
                className={`flex min-h-14 flex-col items-center justify-center gap-0.5 text-xs ${active ? 'font-semibold text-brand-600' : 'text-slate-600 dark:text-slate-400'}`}
              >
                <Icon size={20} aria-hidden />
                {t(item.key)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
