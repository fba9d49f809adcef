import type { Metadata, Viewport } from 'next';
import Link from 'next/link';
import type { CSSProperties, ReactNode } from 'react';
import { PortalBottomNav } from '@/components/portal/bottom-nav';
import { readableBrandColor } from '@/components/portal/brand-color';
import { PortalLocaleSwitch } from '@/components/portal/portal-locale-switch';
import { PORTAL_BOTTOM } from '@/lib/portal/nav';
import { getPortalCtx, requirePortalOrg } from '@/lib/portal/request';
import { DEFAULT_BRAND_COLOR } from '@/lib/portal/settings';

type Props = { children: ReactNode; params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const org = await requirePortalOrg((await params).slug);
  return {
    title: org.name,
    manifest: `/portal/${org.slug}/manifest.webmanifest`,
    appleWebApp: { capable: true, title: org.name },
    icons: org.logoPath ? { apple: `/portal/${org.slug}/logo` } : undefined,
  };
}

export async function generateViewport({ params }: Props): Promise<Viewport> {
  const org = await requirePortalOrg((await params).slug);
  return { themeColor: org.brandColor ?? DEFAULT_BRAND_COLOR };
}

/**
 * The customer portal's shell: the ISP's name, logo and colour (its brand colour replaces
 * Jaring's as the `brand` CSS variables, so every primary button follows), the language
 * switch, and the bottom bar once signed in.
 */
export default async function PortalLayout({ children, params }: Props) {
  const { slug } = await params;
  const org = await requirePortalOrg(slug);
  const ctx = await getPortalCtx(slug);
  // Buttons carry white text and links sit on white: a light brand colour is darkened to stay readable.
  const color = org.brandColor ? readableBrandColor(org.brandColor) : null;
  const brand = color
    ? ({
        '--color-brand-500': color,
        '--color-brand-600': color,
        '--color-brand-700': `color-mix(in srgb, ${color} 85%, black)`,
        '--color-brand-50': `color-mix(in srgb, ${color} 8%, white)`,
        '--color-brand-100': `color-mix(in srgb, ${color} 16%, white)`,
      } as CSSProperties)
    : undefined;
  return (
    <div style={brand} className="min-h-dvh overflow-x-hidden" data-testid="portal-shell">
      <header className="sticky top-0 z-10 border-b border-slate-200 bg-white/95 backdrop-blur dark:border-slate-800 dark:bg-slate-900/95">
        <div className="mx-auto flex max-w-xl items-center gap-3 px-4 py-2">
          <Link href={`/portal/${org.slug}`} className="flex min-h-11 min-w-0 flex-1 items-center gap-2">
            {org.logoPath ? (
              // biome-ignore lint/performance/noImgElement: the ISP's uploaded file, served by the portal
              <img src={`/portal/${org.slug}/logo`} alt="" className="h-8 w-8 shrink-0 rounded-lg object-contain" />
            ) : (
              <span
                aria-hidden
                className="grid h-8 w-8 shrink-0 place-items-center rounded-lg bg-brand-600 font-bold text-white"
              >
                {(org.name.trim()[0] ?? 'J').toUpperCase()}
              </span>
            )}
            <span className="truncate font-semibold" data-testid="portal-org-name">
              {org.name}
            </span>
          </Link>
          <PortalLocaleSwitch />
        </div>
      </header>
      <main className={`mx-auto max-w-xl px-4 py-4 ${ctx ? 'pb-24' : ''}`}>{children}</main>
      {ctx && <PortalBottomNav slug={org.slug} items={PORTAL_BOTTOM} />}
    </div>
  );
}
