import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui/card';
import { requirePage } from '@/lib/auth/context';
import { portalSettingsOp } from '@/lib/portal/settings-operations';
import { PortalSettingsForm } from './portal-settings-form';

/** Settings → Customer portal: on/off, colour, own domain, the WhatsApp assistant, the link to share. */
export default async function PortalSettingsPage() {
  const { read } = await requirePage('organization.settings');
  const t = await getTranslations('portal.settings');
  const settings = await read(portalSettingsOp, {});
  return (
    <div className="max-w-2xl space-y-4">
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <PortalSettingsForm settings={settings} />
    </div>
  );
}
