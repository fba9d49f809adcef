'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { saveOdpAction } from '@/app/_actions/infrastructure';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/card';
import { SelectField, TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/ui/use-action-form';
import { SPLITTER_RATIOS } from '@/lib/infrastructure/constants';
import { LocationFields } from './location-fields';
import { type PonPortChoice, PonPortSelect } from './pon-port-select';
import { TextArea } from './text-area';

export type OdpValues = {
  id: string;
  code: string;
  name: string;
  latitude: number;
  longitude: number;
  totalPorts: number;
  splitterRatio: string | null;
  odcId: string | null;
  area: string | null;
  notes: string | null;
  ponPortId?: string | null;
};

/** New ODP (then its page opens, for the photo) or an edit on the ODP's page. */
export function OdpForm({
  odp,
  odcs,
  ponPorts,
}: {
  odp?: OdpValues;
  odcs: { id: string; code: string; name: string }[];
  /** The PON ports that can feed it (the edit form; left out, the field is not sent). */
  ponPorts?: PonPortChoice[];
}) {
  const t = useTranslations();
  const router = useRouter();
  const form = useActionForm(saveOdpAction, (row) => (odp ? router.refresh() : router.push(`/network/odps/${row.id}`)));
  const f = form.fieldError;
  return (
    <form onSubmit={form.onSubmit} className="grid gap-3 sm:grid-cols-2" noValidate data-testid="odp-form">
      <div className="sm:col-span-2">
        {form.error && <Alert>{form.error}</Alert>}
        {form.result?.ok && odp && <Alert kind="success">{t('odps.saved')}</Alert>}
      </div>
      <input type="hidden" name="odpId" value={odp?.id ?? ''} />
      <TextField
        label={t('odps.code')}
        name="code"
        defaultValue={odp?.code}
        autoCapitalize="characters"
        error={f('code')}
      />
      <TextField label={t('odps.name')} name="name" defaultValue={odp?.name} error={f('name')} />
      <TextField
        label={t('odps.totalPorts')}
        name="totalPorts"
        inputMode="numeric"
        defaultValue={odp?.totalPorts ?? 8}
        error={f('totalPorts')}
      />
      <SelectField
        label={t('network.splitterRatio')}
        name="splitterRatio"
        defaultValue={odp?.splitterRatio ?? ''}
        error={f('splitterRatio')}
        options={[{ value: '', label: t('network.unknown') }, ...SPLITTER_RATIOS.map((r) => ({ value: r, label: r }))]}
      />
      <SelectField
        label={t('network.odc')}
        name="odcId"
        defaultValue={odp?.odcId ?? ''}
        error={f('odcId')}
        hint={odcs.length === 0 ? t('network.noOdcYet') : undefined}
        options={[
          { value: '', label: t('network.noOdc') },
          ...odcs.map((o) => ({ value: o.id, label: `${o.code} · ${o.name}` })),
        ]}
      />
      {ponPorts && <PonPortSelect choices={ponPorts} value={odp?.ponPortId ?? null} error={f('ponPortId')} />}
      <TextField label={t('odps.area')} name="area" defaultValue={odp?.area ?? ''} error={f('area')} />
      <LocationFields initial={odp} kind="odp" errors={{ latitude: f('latitude'), longitude: f('longitude') }} />
      <div className="sm:col-span-2">
        <TextArea label={t('network.notes')} name="notes" defaultValue={odp?.notes ?? ''} error={f('notes')} />
      </div>
      <div>
        <Button type="submit" disabled={form.pending} data-testid="odp-save">
          {form.pending ? t('common.saving') : t('common.save')}
        </Button>
      </div>
    </form>
  );
}
