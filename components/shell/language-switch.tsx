'use client';
import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { useTransition } from 'react';
import { setLocaleAction } from '@/app/_actions/auth';
import { LOCALES } from '@/lib/i18n/config';

const LABELS = { id: 'Bahasa Indonesia', en: 'English' } as const;

export function LanguageSwitch() {
  const t = useTranslations('shell');
  const locale = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    // biome-ignore lint/a11y/useSemanticElements: a row of buttons, not form fields (no <fieldset>)
    <div
      className="inline-flex rounded-lg border border-slate-300 p-0.5 dark:border-slate-700"
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
          data-testid={`locale-${l}`}
          onClick={() =>
            startTransition(async () => {
              await setLocaleAction(l);
              router.refresh();
            })
          }
          className={`min-h-11 rounded-md px-3 text-sm ${l === locale ? 'bg-brand-600 text-white' : 'text-slate-700 dark:text-slate-300'}`}
        >
          {LABELS[l]}
        </button>
      ))}
    </div>
  );
}
