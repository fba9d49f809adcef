import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui/card';
import { requirePage } from '@/lib/auth/context';
import { getBillingSettingsOp } from '@/lib/billing/operations';
import { BillingSettingsForm } from './settings-form';

export default async function BillingSettingsPage() {
  const { read } = await requirePage('billing.settings');
  const t = await getTranslations('billing');
  const s = await read(getBillingSettingsOp, {});
  return (
    <div className="max-w-2xl">
      <PageHeader title={t('settings')} subtitle={t('settingsHint')} />
      <BillingSettingsForm settings={JSON.parse(JSON.stringify(s))} />
    </div>
  );
}
