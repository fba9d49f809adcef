'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { startCountAction } from '@/app/_actions/inventory-counts';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/card';
import { SelectField } from '@/components/ui/field';
import { useActionForm } from '@/components/ui/use-action-form';

/** Choose a location and start counting it; a location with an open count leads to that count. */
export function StartCountForm({ locations }: { locations: { id: string; label: string }[] }) {
  const t = useTranslations('inventoryCounts');
  const router = useRouter();
  const form = useActionForm(startCountAction, (r) => router.push(`/inventory/counts/${r.id}`));
  return (
    <form onSubmit={form.onSubmit} className="space-y-3" data-testid="start-count-form">
      <SelectField
        label={t('start.location')}
        name="locationId"
        options={locations.map((l) => ({ value: l.id, label: l.label }))}
        error={form.fieldError('locationId')}
        hint={t('start.locationHint')}
      />
      {form.error && !form.fieldError('locationId') && <Alert>{form.error}</Alert>}
      <Button type="submit" disabled={form.pending} className="w-full sm:w-auto" data-testid="start-count">
        {t('start.submit')}
      </Button>
    </form>
  );
}
