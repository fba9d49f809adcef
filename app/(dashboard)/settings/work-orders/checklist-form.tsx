'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { resetChecklistTemplateAction, saveChecklistTemplateAction } from '@/app/_actions/workorders';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/ui/use-action-form';
import type { WorkOrderType } from '@/db/enums';

export function ChecklistForm({
  type,
  items,
  requiredPhotos,
  custom,
}: {
  type: WorkOrderType;
  items: string;
  requiredPhotos: number;
  custom: boolean;
}) {
  const t = useTranslations('workOrders.checklists');
  const router = useRouter();
  const form = useActionForm(saveChecklistTemplateAction, () => router.refresh());
  const [resetDone, setResetDone] = useState(false);
  const id = `items-${type}`;
  return (
    <form onSubmit={form.onSubmit} className="space-y-3" noValidate data-testid={`checklist-${type}`}>
      {form.error && <Alert>{form.error}</Alert>}
      {form.result?.ok && <Alert kind="success">{t('saved')}</Alert>}
      {resetDone && <Alert kind="success">{t('resetDone')}</Alert>}
      <input type="hidden" name="type" value={type} />
      <div className="space-y-1">
        <label htmlFor={id} className="block text-sm font-medium text-slate-700 dark:text-slate-300">
          {t('items')}
        </label>
        <textarea
          id={id}
          name="items"
          rows={6}
          maxLength={6000}
          defaultValue={items}
          key={items}
          className="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-base shadow-sm sm:text-sm dark:border-slate-700 dark:bg-slate-900"
        />
        {form.fieldError('items') && <p className="text-sm text-red-600">{form.fieldError('items')}</p>}
      </div>
      <TextField
        label={t('requiredPhotos')}
        id={`photos-${type}`}
        name="requiredPhotos"
        type="number"
        inputMode="numeric"
        min={0}
        max={10}
        defaultValue={requiredPhotos}
        key={`p${requiredPhotos}`}
        error={form.fieldError('requiredPhotos')}
      />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={form.pending}>
          {t('save')}
        </Button>
        {custom && (
          <ConfirmButton
            label={t('reset')}
            message={`${t('reset')}?`}
            variant="secondary"
            onConfirm={async () => {
              const r = await resetChecklistTemplateAction({ type });
              if (r.ok) {
                setResetDone(true);
                router.refresh();
              }
            }}
          />
        )}
      </div>
    </form>
  );
}
