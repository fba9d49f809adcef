'use client';
import { Undo2 } from 'lucide-react';
import { useLocale, useTranslations } from 'next-intl';
import { CircleMarker, Polyline } from 'react-leaflet';
import { saveCableAction } from '@/app/_actions/infrastructure';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/card';
import { SelectField, TextField } from '@/components/ui/field';
import { asInput, type FormFields, useActionForm } from '@/components/ui/use-action-form';
import { CABLE_TYPES } from '@/lib/infrastructure/constants';
import { formatDistance, pathLengthM } from './styles';
import type { LatLngTuple } from './types';

/** The cable being drawn: its points and the line through them. */
export function CableDraftLine({ path }: { path: LatLngTuple[] }) {
  return (
    <>
      {path.length > 1 && (
        <Polyline
          positions={path}
          pathOptions={{ color: '#dc2626', weight: 4, dashArray: '8 6' }}
          interactive={false}
        />
      )}
      {path.map((p, i) => (
        <CircleMarker
          key={i}
          center={p}
          radius={6}
          pathOptions={{ color: '#fff', weight: 2, fillColor: '#dc2626', fillOpacity: 1 }}
          interactive={false}
          className="map-draft-point"
        />
      ))}
    </>
  );
}

/** While drawing: how far the cable runs so far, undo, finish. */
export function DrawPanel({
  path,
  onUndo,
  onFinish,
  onCancel,
}: {
  path: LatLngTuple[];
  onUndo: () => void;
  onFinish: () => void;
  onCancel: () => void;
}) {
  const t = useTranslations();
  const locale = useLocale();
  return (
    <div className="space-y-3" data-testid="draw-panel">
      <p className="text-sm" data-testid="draw-length">
        {path.length === 0
          ? t('map.draw.hint')
          : t('map.draw.progress', { points: path.length, length: formatDistance(pathLengthM(path), locale) })}
      </p>
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" onClick={onUndo} disabled={path.length === 0}>
          <Undo2 size={16} aria-hidden />
          {t('map.draw.undo')}
        </Button>
        <Button onClick={onFinish} disabled={path.length < 2} data-testid="draw-finish">
          {t('map.draw.finish')}
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </div>
  );
}

/** The drawn route saved as a cable; its length is computed again by the server. */
export function NewCableForm({
  path,
  onSaved,
  onCancel,
}: {
  path: LatLngTuple[];
  onSaved: (code: string) => void;
  onCancel: () => void;
}) {
  const t = useTranslations();
  const locale = useLocale();
  const form = useActionForm(
    (fields: FormFields) => saveCableAction(asInput({ ...fields, path })),
    (row) => onSaved(row.code),
  );
  const f = form.fieldError;
  return (
    <form onSubmit={form.onSubmit} className="grid gap-3 sm:grid-cols-2" noValidate data-testid="new-cable-form">
      <p className="text-sm sm:col-span-2">
        {t('map.draw.progress', { points: path.length, length: formatDistance(pathLengthM(path), locale) })}
      </p>
      {(form.error || f('path')) && (
        <div className="sm:col-span-2">
          <Alert>{f('path') ?? form.error}</Alert>
        </div>
      )}
      <TextField label={t('odps.code')} name="code" autoComplete="off" error={f('code')} />
      <TextField label={t('odps.name')} name="name" autoComplete="off" error={f('name')} />
      <SelectField
        label={t('map.card.cableType')}
        name="cableType"
        defaultValue="distribution"
        options={CABLE_TYPES.map((c) => ({ value: c, label: t(`map.cableTypes.${c}`) }))}
        error={f('cableType')}
      />
      <TextField
        label={t('map.card.cores')}
        name="coreCount"
        inputMode="numeric"
        defaultValue={12}
        error={f('coreCount')}
      />
      <div className="flex gap-2 sm:col-span-2">
        <Button type="submit" disabled={form.pending} data-testid="save-new-cable">
          {form.pending ? t('common.saving') : t('common.save')}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t('map.draw.backToDrawing')}
        </Button>
      </div>
    </form>
  );
}
