import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

const TABS = [
  { href: '/vouchers', key: 'batches' },
  { href: '/vouchers/profiles', key: 'profiles' },
  { href: '/vouchers/sales', key: 'sales' },
] as const;

/** The voucher section's tabs (batches, profiles, sales) and, for managers, "create vouchers". */
export async function VoucherNav({
  current,
  manage,
}: {
  current: (typeof TABS)[number]['key'] | 'new';
  manage: boolean;
}) {
  const t = await getTranslations('vouchers.tabs');
  const tab = (active: boolean) =>
    `inline-flex min-h-11 items-center rounded-lg px-3 text-sm font-medium ${active ? 'bg-brand-600 text-white' : 'text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800'}`;
  return (
    <nav className="flex flex-wrap gap-1" aria-label={t('batches')}>
      {TABS.map((x) => (
        <Link
          key={x.key}
          href={x.href}
          className={tab(current === x.key)}
          aria-current={current === x.key ? 'page' : undefined}
        >
          {t(x.key)}
        </Link>
      ))}
      {manage && (
        <Link
          href="/vouchers/new"
          className={tab(current === 'new')}
          data-testid="voucher-new"
          aria-current={current === 'new' ? 'page' : undefined}
        >
          + {t('new')}
        </Link>
      )}
    </nav>
  );
}
