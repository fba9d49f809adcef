'use client';
import { Menu, X } from 'lucide-react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { signOut } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { type ReactNode, useEffect, useState } from 'react';
import { clearFieldData } from '@/lib/field/sign-out';
import { NAV_GROUPS, NAV_ICONS, type NavGroup, type NavItem } from './nav-items';

export type { NavItem } from './nav-items';

/** The item whose address is the longest prefix of the current one (`/settings/roles` beats `/settings`). */
function activeHref(pathname: string, items: NavItem[]): string | undefined {
  let best: string | undefined;
  for (const { href } of items) {
    if (href.includes('#')) continue;
    const hit = href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
    if (hit && (!best || href.length > best.length)) best = href;
  }
  return best;
}

function NavLinks({ items, onNavigate }: { items: NavItem[]; onNavigate?: () => void }) {
  const t = useTranslations('nav');
  const pathname = usePathname();
  const active = activeHref(pathname, items);
  const groups: (NavGroup | undefined)[] = [undefined, ...NAV_GROUPS];
  return (
    <div className="space-y-3">
      {groups.map((group) => {
        const inGroup = items.filter((i) => i.group === group);
        if (inGroup.length === 0) return null;
        return (
          <section key={group ?? 'top'} aria-label={group ? t(`groups.${group}`) : undefined}>
            {group && (
              <h2 className="px-3 pb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">
                {t(`groups.${group}`)}
              </h2>
            )}
            <ul className="space-y-0.5">
              {inGroup.map((item) => {
                const Icon = NAV_ICONS[item.key];
                const current = item.href === active;
                return (
                  <li key={item.href}>
                    <Link
                      href={item.href}
                      onClick={onNavigate}
                      aria-current={current ? 'page' : undefined}
                      className={`flex min-h-11 items-center gap-3 rounded-lg px-3 text-sm font-medium ${
                        current
                          ? 'bg-brand-50 text-brand-700 dark:bg-brand-700/20 dark:text-brand-500'
                          : 'text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800'
                      }`}
                    >
                      <Icon size={18} aria-hidden className="shrink-0" />
                      {t(item.key)}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
    </div>
  );
}

export function SignOutButton() {
  const t = useTranslations('nav');
  return (
    <button
      type="button"
      data-testid="sign-out"
      onClick={async () => {
        // A shared phone: the next person must not open this technician's customers offline.
        await clearFieldData();
        await signOut({ callbackUrl: '/login' });
      }}
      className="flex min-h-11 w-full items-center rounded-lg px-3 text-sm font-medium text-red-700 hover:bg-red-50 dark:text-red-400 dark:hover:bg-red-950"
    >
      {t('signOut')}
    </button>
  );
}

const BAR_ITEM =
  'flex min-h-14 min-w-0 flex-col items-center justify-center gap-0.5 px-1 text-center text-[11px] leading-tight';

/**
 * Desktop: a grouped sidebar. Phone: a bottom bar with the role's three most used pages and
 * "Menu", which opens a sheet with every page by group and the account panel.
 */
export function Navigation({
  items,
  bottom,
  accountPanel,
}: {
  items: NavItem[];
  bottom: NavItem[];
  accountPanel: ReactNode;
}) {
  const t = useTranslations('nav');
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const active = activeHref(pathname, items);
  // The sheet closes on Escape, as a dialog does.
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);
  return (
    <>
      <aside className="hidden w-60 shrink-0 border-r border-slate-200 bg-white p-3 md:block dark:border-slate-800 dark:bg-slate-900">
        <NavLinks items={items} />
      </aside>
      <nav
        aria-label={t('menu')}
        data-testid="bottom-bar"
        className="fixed inset-x-0 bottom-0 z-30 grid grid-cols-4 border-t border-slate-200 bg-white pb-[env(safe-area-inset-bottom)] md:hidden dark:border-slate-800 dark:bg-slate-900"
      >
        {bottom.map((item) => {
          const Icon = NAV_ICONS[item.key];
          const current = item.href === active;
          return (
            <Link
              key={item.href}
              href={item.href}
              aria-current={current ? 'page' : undefined}
              className={`${BAR_ITEM} ${current ? 'text-brand-700 dark:text-brand-500' : 'text-slate-600 dark:text-slate-400'}`}
            >
              <Icon size={20} aria-hidden className="shrink-0" />
              <span className="max-w-full truncate">
                {t.has(`short.${item.key}`) ? t(`short.${item.key}`) : t(item.key)}
              </span>
            </Link>
          );
        })}
        <button
          type="button"
          onClick={() => setOpen(true)}
          data-testid="mobile-menu"
          aria-expanded={open}
          className={`${BAR_ITEM} col-start-4 text-slate-600 dark:text-slate-400`}
        >
          <Menu size={20} aria-hidden />
          {t('menu')}
        </button>
      </nav>
      {open && (
        <div className="fixed inset-0 z-40 md:hidden" role="dialog" aria-modal="true" aria-label={t('menu')}>
          <button
            type="button"
            aria-label={t('close')}
            className="absolute inset-0 bg-black/40"
            onClick={() => setOpen(false)}
          />
          <div className="absolute inset-x-0 bottom-0 max-h-[85dvh] space-y-4 overflow-y-auto rounded-t-2xl bg-white p-4 pb-[calc(1rem+env(safe-area-inset-bottom))] dark:bg-slate-900">
            <div className="flex justify-end">
              <button
                type="button"
                onClick={() => setOpen(false)}
                className="grid min-h-11 min-w-11 place-items-center"
                aria-label={t('close')}
              >
                <X size={20} aria-hidden />
              </button>
            </div>
            <NavLinks items={items} onNavigate={() => setOpen(false)} />
            <div className="border-t border-slate-200 pt-3 dark:border-slate-800">{accountPanel}</div>
          </div>
        </div>
      )}
    </>
  );
}
