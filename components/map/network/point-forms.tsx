'use client';
import { useTranslations } from 'next-intl';
import { saveOdpAction, saveSiteAction } from '@/app/_actions/infrastructure';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/card';
import { SelectField, TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/ui/use-action-form';
import { SITE_KINDS, SPLITTER_RATIOS } from '@/lib/infrastructure/constants';
import { formatCoord } from './styles';
import type { LatLngTuple, SitePoint } from './types';

/** Where the new point goes; the map keeps taking taps to move it before saving. */
function Position({ at, error }: { at: LatLngTuple; error?: string }) {
  const t = useTranslations('map');
  return (
    <div className="sm:col-span-2">
      <input type="hidden" name="latitude" value={at[0]} />
      <input type="hidden" name="longitude" value={at[1]} />
      <p className="text-xs text-slate-500" data-testid="draft-position">
        {t('edit.position', { lat: formatCoord(at[0]), lng: formatCoord(at[1]) })}
      </p>
      {error && <Alert>{error}</Alert>}
    </div>
  );
}

function Actions({ pending, onCancel, testId }: { pending: boolean; onCancel: () => void; testId: string }) {
  const t = useTranslations('common');
  return (
    <div className="flex gap-2 sm:col-span-2">
      <Button type="submit" disabled={pending} data-testid={testId}>
        {pending ? t('saving') : t('save')}
      </Button>
      <Button variant="secondary" onClick={onCancel}>
        {t('cancel')}
      </Button>
    </div>
  );
}

/** A new ODP at the tapped point, through the same action (and permission) as the ODP form. */
export function NewOdpForm({
  at,
  odcs,
  onSaved,
  onCancel,
}: {
  at: LatLngTuple;
  odcs: SitePoint[];
  onSaved: (code: string) => void;
  onCancel: () => void;
}) {
  const t = useTranslations();
  const form = useActionForm(saveOdpAction, (row) => onSaved(row.code));
  const f = form.fieldError;
  return (
    <form onSubmit={form.onSubmit} className="grid gap-3 sm:grid-cols-2" noValidate data-testid="new-odp-form">
      {form.error && (
        <div className="sm:col-span-2">
          <Alert>{form.error}</Alert>
        </div>
      )}
      <TextField label={t('odps.code')} name="code" autoComplete="off" error={f('code')} />
      <TextField label={t('odps.name')} name="name" autoComplete="off" error={f('name')} />
      <TextField
        label={t('odps.totalPorts')}
        name="totalPorts"
        inputMode="numeric"
        defaultValue={8}
        error={f('totalPorts')}
      />
      <SelectField
        label={t('map.edit.splitter')}
        name="splitterRatio"
        defaultValue="1:8"
        options={[{ value: '', label: '—' }, ...SPLITTER_RATIOS.map((r) => ({ value: r, label: r }))]}
        error={f('splitterRatio')}
      />
      <SelectField
        label={t('map.edit.odc')}
        name="odcId"
        hint={odcs.length === 0 ? t('map.edit.noOdcInView') : undefined}
        options={[{ value: '', label: '—' }, ...odcs.map((o) => ({ value: o.id, label: `${o.code} · ${o.name}` }))]}
        error={f('odcId')}
      />
      <TextField label={t('odps.area')} name="area" error={f('area')} />
      <Position at={at} error={f('latitude') ?? f('longitude')} />
      <Actions pending={form.pending} onCancel={onCancel} testId="save-new-odp" />
    </form>
  );
}

/** A new ODC, POP, OLT or pole at the tapped point. */
export function NewSiteForm({
  at,
  onSaved,
  onCancel,
}: {
  at: LatLngTuple;
  onSaved: (code: string) => void;
  onCancel: () => void;
}) {
  const t = useTranslations();
  const form = useActionForm(saveSiteAction, (row) => onSaved(row.code));
  const f = form.fieldError;
  return (
    <form onSubmit={form.onSubmit} className="grid gap-3 sm:grid-cols-2" noValidate data-testid="new-site-form">
      {form.error && (
        <div className="sm:col-span-2">
          <Alert>{form.error}</Alert>
        </div>
      )}
      <SelectField
        label={t('map.card.kind')}
        name="kind"
        defaultValue="odc"
        options={SITE_KINDS.map((k) => ({ value: k, label: t(`map.siteKinds.${k}`) }))}
        error={f('kind')}
      />
      <TextField label={t('odps.code')} name="code" autoComplete="off" error={f('code')} />
      <TextField label={t('odps.name')} name="name" autoComplete="off" error={f('name')} />
      <TextField
        label={t('map.edit.capacity')}
        name="capacity"
        inputMode="numeric"
        hint={t('map.edit.capacityHint')}
        error={f('capacity')}
      />
      <TextField label={t('odps.area')} name="area" error={f('area')} />
      <Position at={at} error={f('latitude') ?? f('longitude')} />
      <Actions pending={form.pending} onCancel={onCancel} testId="save-new-site" />
    </form>
  );
}
