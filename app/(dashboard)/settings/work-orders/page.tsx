import { getTranslations } from 'next-intl/server';
import { Badge, Card, PageHeader } from '@/components/ui/card';
import { requirePage } from '@/lib/auth/context';
import { listChecklistTemplatesOp } from '@/lib/workorders/operations';
import { ChecklistForm } from './checklist-form';

/** Pengaturan → Checklist SPK: the steps and required photos each work order type copies. */
export default async function WorkOrderChecklistsPage() {
  const { read } = await requirePage('workorders.settings');
  const t = await getTranslations();
  const templates = await read(listChecklistTemplatesOp, {});
  return (
    <div className="max-w-3xl space-y-4">
      <PageHeader title={t('workOrders.checklists.title')} subtitle={t('workOrders.checklists.subtitle')} />
      <p className="text-sm text-slate-600 dark:text-slate-400">{t('workOrders.checklists.signatureNote')}</p>
      {templates.map((tpl) => (
        <Card key={tpl.type}>
          <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
            <h2 className="font-semibold">{t(`workOrders.types.${tpl.type}`)}</h2>
            <Badge color={tpl.custom ? 'blue' : 'slate'}>
              {tpl.custom ? t('workOrders.checklists.custom') : t('workOrders.checklists.builtIn')}
            </Badge>
          </div>
          <ChecklistForm
            type={tpl.type}
            items={tpl.items.join('\n')}
            requiredPhotos={tpl.requiredPhotos}
            custom={tpl.custom}
          />
        </Card>
      ))}
    </div>
  );
}
