'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { savePortalSettingsAction } from '@/app/_actions/portal';
import { Button } from '@/components/ui/button';
import { Alert, Card } from '@/components/ui/card';
import { CopyButton } from '@/components/ui/copy-button';
import { TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/ui/use-action-form';

type Settings = {
  portalEnabled: boolean;
  brandColor: string | null;
  customDomain: string | null;
  assistantEnabled: boolean;
  contactText: string | null;
  portalUrl: string;
};

function Toggle({ name, label, hint, checked }: { name: string; label: string; hint: string; checked: boolean }) {
  return (
    <label className="flex min-h-11 items-start gap-3">
      <input
        type="checkbox"
        name={name}
        defaultChecked={checked}
        className="mt-1 h-5 w-5 shrink-0"
        data-testid={`portal-${name}`}
      />
      <span>
        <span className="block font-medium">{label}</span>
        <span className="block text-sm text-slate-600 dark:text-slate-400">{hint}</span>
      </span>
    </label>
  );
}

export function PortalSettingsForm({ settings }: { settings: Settings }) {
  const t = useTranslations('portal.settings');
  const router = useRouter();
  const form = useActionForm(savePortalSettingsAction, () => router.refresh());
  return (
    <div className="space-y-4">
      <Card className="space-y-2">
        <h2 className="font-semibold">{t('link')}</h2>
        <p className="break-all text-sm" data-testid="portal-link">
          {settings.portalUrl}
        </p>
        <p className="text-sm text-slate-600 dark:text-slate-400">{t('linkHint')}</p>
        <CopyButton text={settings.portalUrl} testId="portal-link-copy" />
      </Card>
      <form onSubmit={form.onSubmit} className="space-y-4" noValidate data-testid="portal-settings-form">
        {form.error && <Alert>{form.error}</Alert>}
        {form.result?.ok && <Alert kind="success">{t('saved')}</Alert>}
        <Card className="space-y-3">
          <Toggle name="portalEnabled" label={t('enabled')} hint={t('enabledHint')} checked={settings.portalEnabled} />
          <TextField
            label={t('brandColor')}
            name="brandColor"
            type="text"
            placeholder="#059669"
            defaultValue={settings.brandColor ?? ''}
            hint={t('brandColorHint')}
            error={form.fieldError('brandColor')}
          />
          <TextField
            label={t('customDomain')}
            name="customDomain"
            inputMode="url"
            autoComplete="off"
            placeholder="portal.myisp.net.id"
            defaultValue={settings.customDomain ?? ''}
            hint={t('customDomainHint')}
            error={form.fieldError('customDomain')}
          />
        </Card>
        <Card className="space-y-3">
          <h2 className="font-semibold">{t('assistant')}</h2>
          <Toggle
            name="assistantEnabled"
            label={t('assistantEnabled')}
            hint={t('assistantEnabledHint')}
            checked={settings.assistantEnabled}
          />
          <label className="block space-y-1">
            <span className="block text-sm font-medium">{t('contactText')}</span>
            <textarea
              name="contactText"
              rows={3}
              maxLength={1000}
              defaultValue={settings.contactText ?? ''}
              className="w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-base dark:border-slate-700 dark:bg-slate-900"
            />
            <span className="block text-sm text-slate-600 dark:text-slate-400">{t('contactTextHint')}</span>
            {form.fieldError('contactText') && (
              <span className="block text-sm text-red-600">{form.fieldError('contactText')}</span>
            )}
          </label>
        </Card>
        <Button type="submit" disabled={form.pending} className="w-full sm:w-auto" data-testid="portal-settings-save">
          {t('save')}
        </Button>
      </form>
    </div>
  );
}
