'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { saveCableAction } from '@/app/_actions/infrastructure';
import { LocationMap } from '@/components/map';
import { DEFAULT_CENTER } from '@/components/map/use-lat-lng';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/card';
import { SelectField, TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/ui/use-action-form';
import { cableGeometry, formatCablePath, parseCablePath } from '@/lib/infrastructure/cable-path';
import { CABLE_TYPES, type CablePath, type CableType } from '@/lib/infrastructure/constants';
import { isIndonesianPoint } from '@/lib/infrastructure/coordinates';
import { TextArea } from './text-area';

export type CableValues = {
  id: string;
  code: string;
  name: string;
  cableType: CableType;
  coreCount: number;
  path: CablePath;
  area: string | null;
  notes: string | null;
  fromEnd?: string | null;
  toEnd?: string | null;
};

/**
 * A cable with its route typed as "lat, lng" lines (or tapped point by point on the small
 * map). The network map draws cables directly; this form is the fallback and the editor.
 */
export function CableForm({ cable }: { cable?: CableValues }) {
  const t = useTranslations();
  const router = useRouter();
  const form = useActionForm(saveCableAction, (row) =>
    cable ? router.refresh() : router.push(`/network/cables/${row.id}`),
  );
  const f = form.fieldError;
  const [route, setRoute] = useState(cable ? formatCablePath(cable.path) : '');
  const points = useMemo(
    () => (parseCablePath(route) ?? []).filter(([lat, lng]) => isIndonesianPoint(lat, lng)),
    [route],
  );
  const length = points.length >= 2 ? cableGeometry(points).lengthM : null;
  const last = points.at(-1);
  const addPoint = (p: { latitude: number; longitude: number }) =>
    setRoute((r) => `${r.trimEnd()}${r.trim() ? '\n' : ''}${p.latitude}, ${p.longitude}`);
  return (
    <form onSubmit={form.onSubmit} className="grid gap-3 sm:grid-cols-2" noValidate data-testid="cable-form">
      <div className="sm:col-span-2">
        {form.error && <Alert>{form.error}</Alert>}
        {form.result?.ok && cable && <Alert kind="success">{t('network.cableSaved')}</Alert>}
      </div>
      <input type="hidden" name="cableId" value={cable?.id ?? ''} />
      <TextField
        label={t('odps.code')}
        name="code"
        defaultValue={cable?.code}
        autoCapitalize="characters"
        error={f('code')}
      />
      <TextField label={t('odps.name')} name="name" defaultValue={cable?.name} error={f('name')} />
      <SelectField
        label={t('network.cableType')}
        name="cableType"
        defaultValue={cable?.cableType ?? 'distribution'}
        error={f('cableType')}
        options={CABLE_TYPES.map((c) => ({ value: c, label: t(`network.cableTypes.${c}`) }))}
      />
      <TextField
        label={t('network.coreCount')}
        name="coreCount"
        inputMode="numeric"
        defaultValue={cable?.coreCount ?? 12}
        error={f('coreCount')}
      />
      <TextField label={t('odps.area')} name="area" defaultValue={cable?.area ?? ''} error={f('area')} />
      <div className="hidden sm:block" />
      <TextField
        label={t('network.fromEnd')}
        name="fromEnd"
        defaultValue={cable?.fromEnd ?? ''}
        autoCapitalize="characters"
        error={f('fromEnd')}
        hint={t('network.endHint')}
      />
      <TextField
        label={t('network.toEnd')}
        name="toEnd"
        defaultValue={cable?.toEnd ?? ''}
        autoCapitalize="characters"
        error={f('toEnd')}
        hint={t('network.toEndHint')}
      />
      <div className="space-y-2 sm:col-span-2">
        <TextArea
          label={t('network.route')}
          name="path"
          rows={6}
          value={route}
          onChange={(e) => setRoute(e.target.value)}
          placeholder={'-6.914700, 107.609800\n-6.915300, 107.610400'}
          spellCheck={false}
          error={f('path')}
          hint={t('network.routeHint')}
        />
        <p className="text-sm" data-testid="cable-length">
          {length !== null ? t('network.routeLength', { points: points.length, length }) : t('network.routeTooShort')}
        </p>
        <LocationMap
          center={last ? { latitude: last[0], longitude: last[1] } : DEFAULT_CENTER}
          points={points.map(([latitude, longitude], i) => ({
            latitude,
            longitude,
            kind: i === 0 || i === points.length - 1 ? 'pick' : 'odp',
            label: String(i + 1),
          }))}
          onPick={addPoint}
          height={240}
        />
        <p className="text-xs text-slate-500">{t('network.routeMapHint')}</p>
      </div>
      <div className="sm:col-span-2">
        <TextArea label={t('network.notes')} name="notes" defaultValue={cable?.notes ?? ''} error={f('notes')} />
      </div>
      <div>
        <Button type="submit" disabled={form.pending} data-testid="cable-save">
          {form.pending ? t('common.saving') : t('common.save')}
        </Button>
      </div>
    </form>
  );
}
