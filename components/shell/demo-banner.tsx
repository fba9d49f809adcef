import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { DEMO_PASSWORD } from '@/db/seed-constants';
import { demoIsLive } from '@/lib/platform/demo';

/** On every dashboard page and the sign-in page while the demo ISP is live (never in production). */
export async function DemoBanner() {
  if (!(await demoIsLive(getDb()))) return null;
  const t = await getTranslations('shell');
  return (
    <div role="note" data-testid="demo-banner" className="border-b border-amber-300 bg-amber-100 px-4 py-2 text-center text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
      {t('demoBanner', { password: DEMO_PASSWORD })}
    </div>
  );
}
