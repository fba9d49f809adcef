import type { Metadata, Viewport } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { OrgLogo } from '@/components/ui/org-logo';
import { requirePage } from '@/lib/auth/context';
import { RegisterServiceWorker } from './_components/register-sw';

export const metadata: Metadata = {
  title: 'Jaring Teknisi',
  manifest: '/tech.webmanifest',
  appleWebApp: { capable: true, title: 'Jaring Teknisi', statusBarStyle: 'default' },
  icons: { apple: '/tech-icon-192.png' },
};
export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#059669' };

/** The technician's app: its own bar, no dashboard menu, everything for one hand on a phone. */
export default async function TechLayout({ children }: { children: ReactNode }) {
  const { info } = await requirePage('workorders.field');
  const t = await getTranslations('fieldApp');
  return (
    <div className="min-h-dvh bg-slate-50 dark:bg-slate-950">
      <header className="sticky top-0 z-20 flex h-14 items-center justify-between gap-2 border-b border-slate-200 bg-white/95 px-3 backdrop-blur dark:border-slate-800 dark:bg-slate-900/95">
        <div className="flex min-w-0 items-center gap-2">
          <OrgLogo name={info.org!.name} logo={info.org!.logo} />
          <span className="truncate font-semibold" data-testid="tech-title">
            {t('title')}
          </span>
        </div>
        <Link href="/" className="inline-flex min-h-11 items-center px-2 text-sm text-brand-700" prefetch={false}>
          {t('dashboard')}
        </Link>
      </header>
      <RegisterServiceWorker />
      {children}
    </div>
  );
}
