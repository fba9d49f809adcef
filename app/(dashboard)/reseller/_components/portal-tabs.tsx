import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

const TABS = [
  { href: '/reseller', key: 'dashboard' },
  { href: '/reseller/customers', key: 'customers' },
  { href: '/reseller/invoices', key: 'invoices' },
  { href: '/reseller/commissions', key: 'commissions' },
] as const;

/** The reseller portal's sections; one nav entry leads here, the tabs do the rest. */
export async function PortalTabs({ current }: { current: (typeof TABS)[number]['key'] }) {
  const t = await getTranslations('resellers.portal.tabs');
  return (
    <nav aria-label={t('label')} className="-mx-4 mb-4 overflow-x-auto px-4">
      <ul className="flex gap-1 border-b border-slate-200 dark:border-slate-800">
        {TABS.map((tab) => (
          <li key={tab.key}>
            <Link
              href={tab.href}
              aria-current={tab.key === current ? 'page' : undefined}
              className={`inline-flex min-h-11 items-center whitespace-nowrap border-b-2 px-3 text-sm font-medium ${
                tab.key === current
                  ? 'border-brand-600 text-brand-700 dark:text-brand-500'
                  : 'border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-400'
              }`}
            >
              {t(tab.key)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
