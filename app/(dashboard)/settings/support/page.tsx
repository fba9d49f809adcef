import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui/card';
import { requirePage } from '@/lib/auth/context';
import { supportSettingsOp } from '@/lib/tickets/operations';
import { SupportSettingsForm } from './settings-form';

/** Helpdesk settings: SLA targets per priority, the working hours they count in, who hears about a breach. */
export default async function SupportSettingsPage() {
  const { read, info } = await requirePage('tickets.settings');
  const t = await getTranslations();
  const settings = await read(supportSettingsOp, {});
  return (
    <div className="max-w-2xl space-y-4">
      <PageHeader
        title={t('tickets.settings.title')}
        subtitle={t('tickets.settings.subtitle', { zone: t(`settings.timezones.${info.org!.timezone}`) })}
      />
      <SupportSettingsForm settings={settings} />
    </div>
  );
}
