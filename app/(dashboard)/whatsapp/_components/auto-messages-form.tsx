'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { saveMessagingSettingsAction } from '@/app/_actions/messaging';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/card';
import { SelectField } from '@/components/ui/field';
import { useActionForm } from '@/components/ui/use-action-form';
import { AUTO_MESSAGES } from '@/db/schema';
import type { MessagingSettings } from '@/lib/messaging/queue';

/** The language customers get and which automatic messages are sent. */
export function AutoMessagesForm({ settings }: { settings: MessagingSettings }) {
  const t = useTranslations('messaging');
  const tc = useTranslations('common');
  const router = useRouter();
  const form = useActionForm(saveMessagingSettingsAction, () => router.refresh());
  return (
    <form onSubmit={form.onSubmit} className="space-y-3" noValidate data-testid="auto-messages">
      {form.error && <Alert>{form.error}</Alert>}
      {form.result?.ok && <Alert kind="success">{t('auto.saved')}</Alert>}
      <div className="sm:max-w-xs">
        <SelectField
          label={t('auto.locale')}
          name="locale"
          id="auto-locale"
          defaultValue={settings.locale}
          options={(['id', 'en'] as const).map((l) => ({ value: l, label: t(`languages.${l}`) }))}
          error={form.fieldError('locale')}
        />
      </div>
      <ul className="divide-y divide-slate-100 dark:divide-slate-800">
        {AUTO_MESSAGES.map((a) => (
          <li key={a}>
            <label className="flex min-h-11 items-start gap-3 py-2">
              <input
                type="checkbox"
                name={`auto_${a}`}
                defaultChecked={!settings.disabled.includes(a)}
                className="mt-0.5 h-5 w-5 shrink-0"
              />
              <span>
                <span className="block text-sm font-medium">{t(`auto.names.${a}`)}</span>
                <span className="block text-xs text-slate-500">{t(`auto.descriptions.${a}`)}</span>
              </span>
            </label>
          </li>
        ))}
      </ul>
      <Button type="submit" disabled={form.pending} data-testid="save-auto-messages">
        {form.pending ? tc('saving') : tc('save')}
      </Button>
    </form>
  );
}
