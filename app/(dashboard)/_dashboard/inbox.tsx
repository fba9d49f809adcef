import { getTranslations } from 'next-intl/server';
import { StatTile } from '@/components/charts/stat-tile';

/** "WhatsApp not answered": conversations the assistant handed to a person, a link to them in the inbox. */
export async function InboxTile({ c }: { c: { unread: number; needsStaff: number } }) {
  const t = await getTranslations('dashboard.inbox');
  return (
    <StatTile
      label={t('needsStaff')}
      value={c.needsStaff}
      hint={t('unread', { count: c.unread })}
      href="/inbox?filter=needs_staff"
      tone={c.needsStaff ? 'amber' : undefined}
      testId="stat-inbox-needs-staff"
    />
  );
}
