import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { demoIsLive } from '@/lib/platform/demo';
import { DEMO_PASSWORD } from '@/lib/platform/demo-constants';

/** On every dashboard page and the sign-in page while the demo ISP is live (never in production). */
export async function DemoBanner() {
  if (!(await demoIsLive(getDb()))) return null;
  const t = await getTranslations('shell');
  // One line of a known height (2rem, --demo-banner-h in globals.css): full-height pages such
  // as the map subtract it. Phones get the short text, wider screens the whole sentence.
  return (
    <div
      role="note"
      data-testid="demo-banner"
      title={t('demoBanner', { password: DEMO_PASSWORD })}
      className="h-8 truncate border-b border-amber-300 bg-amber-100 px-4 text-center text-xs leading-8 text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
    >
      <span className="sm:hidden">{t('demoBannerShort', { password: DEMO_PASSWORD })}</span>
      <span className="hidden sm:inline">{t('demoBanner', { password: DEMO_PASSWORD })}</span>
    </div>
  );
}
