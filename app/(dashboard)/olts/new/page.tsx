import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui/card';
import { requirePage } from '@/lib/auth/context';
import { oltFormOp } from '@/lib/fibre/record-operations';
import { OltForm } from '../_components/olt-form';

export default async function NewOltPage() {
  const { read } = await requirePage('olts.manage');
  const t = await getTranslations();
  const { sites, models } = await read(oltFormOp, {});
  return (
    <div className="space-y-4">
      <PageHeader title={t('olts.new')} subtitle={t('olts.newHint')} />
      <OltForm sites={sites} models={models} />
    </div>
  );
}
