'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { removeOrganizationLogoAction, uploadOrganizationLogoAction } from '@/app/_actions/organizations';
import { Button } from '@/components/ui/button';
import { Alert, Card } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { inputClass } from '@/components/ui/field';
import { OrgLogo } from '@/components/ui/org-logo';
import { useActionForm } from '@/components/ui/use-action-form';

/** The logo in the shell header; checked on the server by its bytes and size. */
export function LogoCard({ name, logo }: { name: string; logo: string | null }) {
  const t = useTranslations();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const form = useActionForm(uploadOrganizationLogoAction, () => router.refresh());
  return (
    <Card className="space-y-3">
      <h2 className="font-semibold">{t('orgLogo.title')}</h2>
      <div className="flex items-center gap-3">
        <OrgLogo name={name} logo={logo} />
        {!logo && <span className="text-sm text-slate-500">{t('orgLogo.none')}</span>}
      </div>
      <form onSubmit={form.onSubmit} className="space-y-2" noValidate>
        {(form.error || error) && <Alert>{form.fieldError('logo') ?? form.error ?? error}</Alert>}
        {form.result?.ok && <Alert kind="success">{t('orgLogo.saved')}</Alert>}
        <input
          name="logo"
          type="file"
          accept="image/png,image/jpeg,image/webp"
          aria-label={t('orgLogo.title')}
          className={`${inputClass} py-2`}
          data-testid="logo-file"
        />
        <p className="text-xs text-slate-500">{t('orgLogo.hint')}</p>
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={form.pending} data-testid="logo-upload">
            {form.pending ? t('common.saving') : t('orgLogo.upload')}
          </Button>
          {logo && (
            <ConfirmButton
              label={t('orgLogo.remove')}
              message={t('orgLogo.removeConfirm')}
              variant="secondary"
              onConfirm={async () => {
                setError(null);
                const r = await removeOrganizationLogoAction({});
                if (r.ok) router.refresh();
                else setError(r.message);
              }}
            />
          )}
        </div>
      </form>
    </Card>
  );
}
