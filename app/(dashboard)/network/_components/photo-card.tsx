'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { removeInfraPhotoAction, uploadInfraPhotoAction } from '@/app/_actions/infrastructure';
import { Button } from '@/components/ui/button';
import { Alert, Card } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { inputClass } from '@/components/ui/field';
import { useActionForm } from '@/components/ui/use-action-form';

/**
 * One photo per record (the box on its pole, the cabinet, a cable joint), served by the
 * authenticated photo route; the stored name changes on every upload, so `version` busts caches.
 */
export function PhotoCard({
  kind,
  id,
  version,
  manage,
}: {
  kind: 'odp' | 'site' | 'cable';
  id: string;
  version: string | null;
  manage: boolean;
}) {
  const t = useTranslations();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const form = useActionForm(uploadInfraPhotoAction, () => router.refresh());
  const src = version
    ? `/api/network/photos/${kind}/${id}?v=${encodeURIComponent(version.split('/').pop() ?? '')}`
    : null;
  return (
    <Card className="space-y-3">
      <h2 className="font-semibold">{t('network.photo')}</h2>
      {src ? (
        <a href={src} target="_blank" rel="noreferrer" className="block">
          {/* biome-ignore lint/performance/noImgElement: a private, authenticated file, not a static asset */}
          <img
            src={src}
            alt={t('network.photoAlt')}
            className="max-h-80 w-full rounded-lg object-contain"
            data-testid="infra-photo"
          />
        </a>
      ) : (
        <p className="text-sm text-slate-500">{t('network.noPhoto')}</p>
      )}
      {manage && (
        <form onSubmit={form.onSubmit} className="space-y-2" noValidate>
          {(form.error || error) && <Alert>{form.fieldError('photo') ?? form.error ?? error}</Alert>}
          <input type="hidden" name="kind" value={kind} />
          <input type="hidden" name="id" value={id} />
          <label htmlFor="photo" className="block text-sm font-medium text-slate-700 dark:text-slate-300">
            {src ? t('network.replacePhoto') : t('network.addPhoto')}
          </label>
          <input
            id="photo"
            name="photo"
            type="file"
            accept="image/jpeg,image/png,image/webp"
            className={`${inputClass} py-2`}
          />
          <p className="text-xs text-slate-500">{t('network.photoHint')}</p>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" disabled={form.pending} data-testid="photo-upload">
              {form.pending ? t('common.saving') : t('network.uploadPhoto')}
            </Button>
            {src && (
              <ConfirmButton
                label={t('network.removePhoto')}
                message={t('network.removePhotoConfirm')}
                variant="secondary"
                onConfirm={async () => {
                  setError(null);
                  const r = await removeInfraPhotoAction({ kind, id });
                  if (r.ok) router.refresh();
                  else setError(r.message);
                }}
              />
            )}
          </div>
        </form>
      )}
    </Card>
  );
}
