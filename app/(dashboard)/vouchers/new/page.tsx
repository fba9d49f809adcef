import { getTranslations } from 'next-intl/server';
import { Alert, PageHeader } from '@/components/ui/card';
import { requirePage } from '@/lib/auth/context';
import { generateChoicesOp } from '@/lib/vouchers/operations';
import { VoucherNav } from '../_components/voucher-nav';
import { GenerateForm } from './generate-form';

export default async function NewVoucherBatchPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { read } = await requirePage('vouchers.manage');
  const sp = await searchParams;
  const t = await getTranslations();
  const { profiles, routers, resellers } = await read(generateChoicesOp, {});
  return (
    <div className="space-y-4">
      <PageHeader title={t('vouchers.generate.title')} subtitle={t('vouchers.subtitle')} />
      <VoucherNav current="new" manage />
      {profiles.length === 0 ? (
        <Alert kind="warning">{t('vouchers.generate.noProfiles')}</Alert>
      ) : (
        <GenerateForm
          profiles={profiles.map((p) => ({ id: p.id, name: p.name, priceRupiah: p.priceRupiah }))}
          routers={routers.map((r) => ({ id: r.id, name: r.name, mode: r.mode }))}
          resellers={resellers}
          defaultProfileId={sp.profile}
        />
      )}
    </div>
  );
}
