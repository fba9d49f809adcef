import type { ReactNode } from 'react';
import { LanguageSwitch } from './language-switch';

/** The centred frame of the signed-out pages (sign-in, reset, setup, invitation): logo, card, language. */
export function AuthShell({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center px-4 py-8">
      <div className="mb-6 flex items-center gap-2 text-2xl font-bold text-brand-700 dark:text-brand-500">
        <span aria-hidden className="grid h-9 w-9 place-items-center rounded-lg bg-brand-600 text-white">
          J
        </span>
        Jaring
      </div>
      <div className="w-full max-w-sm">{children}</div>
      <div className="mt-6">
        <LanguageSwitch />
      </div>
    </main>
  );
}
