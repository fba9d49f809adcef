'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';

/** The section's sub-pages; scrolls sideways on a narrow phone. */
export function WhatsAppTabs({ tabs }: { tabs: { href: string; label: string }[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="WhatsApp">
      <ul className="flex flex-wrap gap-x-1 border-b border-slate-200 dark:border-slate-800">
        {tabs.map((tab) => {
          const active = tab.href === '/whatsapp' ? pathname === tab.href : pathname.startsWith(tab.href);
          return (
            <li key={tab.href}>
              <Link
                href={tab.href}
                aria-current={active ? 'page' : undefined}
                data-testid={`wa-tab-${tab.href.split('/')[2] ?? 'sessions'}`}
                className={`inline-flex min-h-11 items-center border-b-2 px-3 text-sm font-medium ${
                  active
                    ? 'border-brand-600 text-brand-700 dark:text-brand-500'
                    : 'border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100'
                }`}
              >
                {tab.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
