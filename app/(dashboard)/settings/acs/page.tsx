import { getLocale, getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui/card';
import { requirePage } from '@/lib/auth/context';
import { acsSettingsOp } from '@/lib/fibre/acs/operations';
import { formatDateTime } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { AcsSettingsForm } from './acs-settings-form';

/**
 * TR-069 (GenieACS): the NBI Jaring's worker calls and what modems are given. Passwords are
 * never sent back to the browser: the form says whether one is stored, and blank keeps it.
 */
export default async function AcsSettingsPage() {
  const { read, info } = await requirePage('organization.settings');
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const settings = await read(acsSettingsOp, {});
  return (
    <div className="max-w-2xl space-y-4">
      <PageHeader title={t('acs.settings.title')} subtitle={t('acs.settings.subtitle')} />
      <AcsSettingsForm
        settings={settings}
        lastChecked={
          settings?.lastCheckedAt ? formatDateTime(settings.lastCheckedAt, locale, info.org!.timezone) : null
        }
      />
    </div>
  );
}
