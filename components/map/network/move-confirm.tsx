'use client';
import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { moveInfraAction } from '@/app/_actions/infrastructure';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/card';
import { formatCoord } from './styles';
import type { LatLngTuple } from './types';

/** A dragged ODP or site moves only once the operator says yes; cancel puts it back. */
export function MoveConfirm({
  target,
  to,
  onMoved,
  onCancel,
}: {
  target: { kind: 'odp' | 'site'; id: string; code: string };
  to: LatLngTuple;
  onMoved: () => void;
  onCancel: () => void;
}) {
  const t = useTranslations();
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const confirm = () =>
    start(async () => {
      const r = await moveInfraAction({ kind: target.kind, id: target.id, latitude: to[0], longitude: to[1] });
      if (r.ok) onMoved();
      else setError(r.fieldErrors?.latitude ?? r.fieldErrors?.longitude ?? r.message);
    });
  return (
    <div className="space-y-3" data-testid="move-confirm">
      <p className="text-sm">
        {t('map.edit.moveQuestion', { code: target.code, lat: formatCoord(to[0]), lng: formatCoord(to[1]) })}
      </p>
      {error && <Alert>{error}</Alert>}
      <div className="flex gap-2">
        <Button onClick={confirm} disabled={pending} data-testid="move-confirm-yes">
          {t('map.edit.move')}
        </Button>
        <Button variant="secondary" onClick={onCancel} disabled={pending}>
          {t('common.cancel')}
        </Button>
      </div>
    </div>
  );
}
