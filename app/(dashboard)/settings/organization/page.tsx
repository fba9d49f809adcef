import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui/card';
import { requirePage } from '@/lib/auth/context';
import { signalThresholdsOp } from '@/lib/fibre/signal/operations';
import { getOrganizationSettingsOp } from '@/lib/organizations/operations';
import { TIMEZONES } from '@/lib/organizations/schemas';
import { LogoCard } from './logo-card';
import { OrganizationSettingsForm } from './settings-form';
import { SignalThresholdsCard } from './signal-thresholds-card';

export default async function OrganizationSettingsPage() {
  const { read } = await requirePage('organization.settings');
  const t = await getTranslations('settings');
  const org = await read(getOrganizationSettingsOp, {});
  const thresholds = await read(signalThresholdsOp, {});
  return (
    <div className="max-w-xl space-y-4">
      <PageHeader title={t('title')} />
      <LogoCard name={org.name} logo={org.logoPath?.split('/').pop() ?? null} />
      <OrganizationSettingsForm
        name={org.name}
        timezone={org.timezone}
        coverageRadiusM={org.coverageRadiusM}
        hotspotLoginUrl={org.hotspotLoginUrl}
        requireTwoFactor={org.requireTwoFactor}
        timezones={TIMEZONES.map((z) => ({ value: z, label: t(`timezones.${z}`) }))}
      />
      <SignalThresholdsCard warningDbm={thresholds.warningDbm} criticalDbm={thresholds.criticalDbm} />
    </div>
  );
}
