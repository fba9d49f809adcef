import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui/card';
import { requirePage } from '@/lib/auth/context';
import { oltFormOp } from '@/lib/fibre/record-operations';
import { OltForm } from '../../_components/olt-form';

export default async function EditOltPage({ params }: { params: Promise<{ id: string }> }) {
  const { read } = await requirePage('olts.manage');
  const { id } = await params;
  const t = await getTranslations();
  const { sites, models, olt } = await read(oltFormOp, { oltId: id });
  return (
    <div className="space-y-4">
      <PageHeader title={t('olts.editTitle', { name: olt!.name })} />
      <OltForm olt={olt!} sites={sites} models={models} />
    </div>
  );
}
