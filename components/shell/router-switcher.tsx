'use client';
import { usePathname, useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { ROUTER_COOKIE, ROUTER_COOKIE_MAX_AGE } from '@/components/network/router-cookie';
import { inputClass } from '@/components/ui/field';

type Choice = { id: string; name: string; status: string };
const DOT = { online: 'bg-emerald-500', offline: 'bg-red-500', unknown: 'bg-slate-400' } as Record<string, string>;

/**
 * NOC staff jump between routers from the header; the choice is remembered for a year and the
 * sessions page starts filtered on it. "All routers" forgets it again.
 */
export function RouterSwitcher({ routers, current }: { routers: Choice[]; current: string | null }) {
  const t = useTranslations('routers');
  const nav = useRouter();
  const pathname = usePathname();
  const [value, setValue] = useState(routers.some((r) => r.id === current) ? current! : '');
  const selected = routers.find((r) => r.id === value);
  const showAll = () => {
    // biome-ignore lint/suspicious/noDocumentCookie: a plain cookie the server reads; cookieStore is missing from older Safari and Firefox
    document.cookie = `${ROUTER_COOKIE}=; path=/; max-age=0; samesite=lax`;
    // Stay on the page. On the sessions page drop a router filter from the URL (keeping search
    // and type) so it lists every router; elsewhere re-render so the server sees no cookie.
    const sp = new URLSearchParams(window.location.search);
    if (pathname === '/sessions' && sp.has('routerId')) {
      sp.delete('routerId');
      sp.delete('page');
      const qs = sp.toString();
      return nav.replace(qs ? `/sessions?${qs}` : '/sessions');
    }
    nav.refresh();
  };
  return (
    <div className="flex min-w-0 items-center gap-1.5">
      <span
        aria-hidden
        className={`h-2.5 w-2.5 shrink-0 rounded-full ${DOT[selected?.status ?? 'unknown'] ?? DOT.unknown}`}
      />
      <label htmlFor="router-switcher" className="sr-only">
        {t('switcher')}
      </label>
      <select
        id="router-switcher"
        data-testid="router-switcher"
        className={`${inputClass} max-w-32 truncate sm:max-w-52`}
        value={value}
        onChange={(e) => {
          const id = e.target.value;
          setValue(id);
          if (!id) return showAll();
          // biome-ignore lint/suspicious/noDocumentCookie: a plain cookie the server reads; cookieStore is missing from older Safari and Firefox
          document.cookie = `${ROUTER_COOKIE}=${id}; path=/; max-age=${ROUTER_COOKIE_MAX_AGE}; samesite=lax`;
          nav.push(`/routers/${id}`);
        }}
      >
        <option value="">{t('switcherAll')}</option>
        {routers.map((r) => (
          <option key={r.id} value={r.id}>
            {`${r.name} · ${t(`statuses.${r.status === 'online' || r.status === 'offline' ? r.status : 'unknown'}`)}`}
          </option>
        ))}
      </select>
    </div>
  );
}
