'use client';
import {
  Activity,
  BadgePercent,
  BarChart3,
  Building2,
  ClipboardList,
  Contact,
  CreditCard,
  HandCoins,
  Handshake,
  LayoutDashboard,
  ListChecks,
  Map as MapIcon,
  MapPin,
  Menu,
  MessageCircle,
  Package,
  Receipt,
  Router,
  Settings,
  ShieldCheck,
  Ticket,
  UserCog,
  UserPlus,
  Users,
  Wallet,
  X,
} from 'lucide-react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { signOut } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { type ReactNode, useState } from 'react';

const ICONS = {
  dashboard: LayoutDashboard,
  customers: Contact,
  billing: Receipt,
  payments: CreditCard,
  reports: BarChart3,
  whatsapp: MessageCircle,
  leads: UserPlus,
  plans: Package,
  vouchers: Ticket,
  map: MapIcon,
  network: MapPin,
  routers: Router,
  sessions: Activity,
  users: Users,
  jobs: ListChecks,
  audit: ClipboardList,
  roles: ShieldCheck,
  settings: Settings,
  organizations: Building2,
  platformUsers: UserCog,
  wallet: Wallet,
  walletTopups: HandCoins,
  resellerPortal: BadgePercent,
  resellers: Handshake,
};
export type NavItem = { href: string; key: keyof typeof ICONS };

function isActive(pathname: string, href: string) {
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
}

function NavLinks({ items, onNavigate }: { items: NavItem[]; onNavigate?: () => void }) {
  const t = useTranslations('nav');
  const pathname = usePathname();
  return (
    <ul className="space-y-1">
      {items.map((item) => {
        const Icon = ICONS[item.key];
        const active = isActive(pathname, item.href);
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              onClick={onNavigate}
              aria-current={active ? 'page' : undefined}
              className={`flex min-h-11 items-center gap-3 rounded-lg px-3 text-sm font-medium ${
                active
                  ? 'bg-brand-50 text-brand-700 dark:bg-brand-700/20 dark:text-brand-500'
                  : 'text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800'
              }`}
            >
              <Icon size={18} aria-hidden />
              {t(item.key)}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

export function SignOutButton() {
  const t = useTranslations('nav');
  return (
    <button
      type="button"
      data-testid="sign-out"
      onClick={() => signOut({ callbackUrl: '/login' })}
      className="flex min-h-11 w-full items-center rounded-lg px-3 text-sm font-medium text-red-700 hover:bg-red-50 dark:text-red-400 dark:hover:bg-red-950"
    >
      {t('signOut')}
    </button>
  );
}

/** Desktop: a sidebar. Phone: a bottom bar with the first items and a menu sheet for the rest. */
export function Navigation({ items, accountPanel }: { items: NavItem[]; accountPanel: ReactNode }) {
  const t = useTranslations('nav');
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  return (
    <>
      <aside className="hidden w-60 shrink-0 border-r border-slate-200 bg-white p-3 md:block dark:border-slate-800 dark:bg-slate-900">
        <NavLinks items={items} />
      </aside>
      <nav className="fixed inset-x-0 bottom-0 z-30 grid grid-cols-4 border-t border-slate-200 bg-white pb-[env(safe-area-inset-bottom)] md:hidden dark:border-slate-800 dark:bg-slate-900">
        {items.slice(0, 3).map((item) => {
          const Icon = ICONS[item.key];
          const active = isActive(pathname, item.href);
          return (
            <Link
              key={item.href}
              href={item.href}
              className={`flex min-h-14 flex-col items-center justify-center gap-0.5 text-[11px] ${active ? 'text-brand-700 dark:text-brand-500' : 'text-slate-600 dark:text-slate-400'}`}
            >
              <Icon size={20} aria-hidden />
              {t(item.key)}
            </Link>
          );
        })}
        <button
          type="button"
          onClick={() => setOpen(true)}
          data-testid="mobile-menu"
          className="flex min-h-14 flex-col items-center justify-center gap-0.5 text-[11px] text-slate-600 dark:text-slate-400"
        >
          <Menu size={20} aria-hidden />
          {t('menu')}
        </button>
      </nav>
      {open && (
        <div className="fixed inset-0 z-40 md:hidden" role="dialog" aria-modal="true">
          <button
            type="button"
            aria-label="close"
            className="absolute inset-0 bg-black/40"
            onClick={() => setOpen(false)}
          />
          <div className="absolute inset-x-0 bottom-0 max-h-[85dvh] space-y-4 overflow-y-auto rounded-t-2xl bg-white p-4 dark:bg-slate-900">
            <div className="flex justify-end">
              <button type="button" onClick={() => setOpen(false)} className="min-h-11 px-2" aria-label="close">
                <X size={20} />
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
