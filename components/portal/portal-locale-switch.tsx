'use client';
import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { useTransition } from 'react';
import { setLocaleAction } from '@/app/_actions/auth';
import { LOCALES } from '@/lib/i18n/config';

/** ID | EN in the portal's header: short enough for a 390 px phone next to the ISP's name. */
export function PortalLocaleSwitch() {
  const t = useTranslations('portal.shell');
  const locale = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    // biome-ignore lint/a11y/useSemanticElements: a row of buttons, not form fields (no <fieldset>)
    <div
      className="inline-flex shrink-0 rounded-lg border border-slate-300 p-0.5 dark:border-slate-700"
      role="group"
      aria-label={t('language')}
    >
      {LOCALES.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          disabled={pending}
          aria-pressed={l === locale}
          aria-label={t(`languages.${l}`)}
          data-testid={`portal-locale-${l}`}
          onClick={() =>
            startTransition(async () => {
              await setLocaleAction(l);
              router.refresh();
            })
          }
          className={`min-h-11 min-w-11 rounded-md px-2 text-sm font-medium uppercase ${l === locale ? 'bg-brand-600 text-white' : 'text-slate-700 dark:text-slate-300'}`}
        >
          {l}
        </button>
      ))}
    </div>
  );
}
