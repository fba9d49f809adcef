import { getTranslations } from 'next-intl/server';
import { Alert, Card } from '@/components/ui/card';
import { requirePage } from '@/lib/auth/context';
import { getMessagingSettingsOp, listTemplatesOp } from '@/lib/messaging/operations';
import { executeOperation } from '@/lib/server/operation';
import { AutoMessagesForm } from '../_components/auto-messages-form';
import { TemplateWorkbench } from '../_components/template-workbench';

/** Wording per category and language, and which automatic messages go out. */
export default async function WhatsAppTemplatesPage() {
  const { ctx } = await requirePage('messaging.manage');
  const t = await getTranslations('messaging');
  const [templates, settings] = await Promise.all([
    executeOperation(listTemplatesOp, ctx, {}),
    executeOperation(getMessagingSettingsOp, ctx, {}),
  ]);
  return (
    <div className="space-y-4">
      <Card className="space-y-3">
        <div>
          <h2 className="text-lg font-semibold">{t('templates.title')}</h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">{t('templates.subtitle')}</p>
        </div>
        {!templates.ok && <Alert>{templates.message}</Alert>}
        {templates.ok && <TemplateWorkbench templates={templates.data} />}
      </Card>
      <Card className="space-y-3">
        <div>
          <h2 className="text-lg font-semibold">{t('auto.title')}</h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">{t('auto.subtitle')}</p>
        </div>
        {!settings.ok && <Alert>{settings.message}</Alert>}
        {settings.ok && <AutoMessagesForm settings={settings.data} />}
      </Card>
    </div>
  );
}
