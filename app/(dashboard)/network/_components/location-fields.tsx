'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { LocationMap, type MapPoint } from '@/components/map';
import { useLatLng } from '@/components/map/use-lat-lng';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';

/**
 * Latitude and longitude of an ODP or site: typed, tapped on the small map, or taken from the
 * phone's GPS while standing at the pole.
 */
export function LocationFields({
  initial,
  kind,
  errors,
}: {
  initial?: { latitude: number; longitude: number } | null;
  kind: MapPoint['kind'];
  errors: { latitude?: string; longitude?: string };
}) {
  const t = useTranslations();
  const pos = useLatLng(initial);
  const [geoError, setGeoError] = useState<string | null>(null);
  const fillMyLocation = () => {
    setGeoError(null);
    navigator.geolocation?.getCurrentPosition(
      (g) =>
        pos.pick({ latitude: Number(g.coords.latitude.toFixed(6)), longitude: Number(g.coords.longitude.toFixed(6)) }),
      () => setGeoError(t('leads.locationDenied')),
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  };
  return (
    <>
      <TextField
        label={t('odps.latitude')}
        name="latitude"
        inputMode="decimal"
        value={pos.lat}
        onChange={(e) => pos.setLat(e.target.value)}
        error={errors.latitude}
      />
      <TextField
        label={t('odps.longitude')}
        name="longitude"
        inputMode="decimal"
        value={pos.lng}
        onChange={(e) => pos.setLng(e.target.value)}
        error={errors.longitude}
      />
      <div className="space-y-1 sm:col-span-2">
        <LocationMap
          center={pos.center}
          points={pos.point ? [{ ...pos.point, kind }] : []}
          onPick={pos.pick}
          height={220}
        />
        <div className="flex flex-wrap items-center gap-2">
          <Button variant="secondary" onClick={fillMyLocation}>
            {t('network.useMyLocation')}
          </Button>
          <p className="text-xs text-slate-500">{t('leads.mapHint')}</p>
        </div>
        {geoError && <p className="text-sm text-red-600 dark:text-red-400">{geoError}</p>}
      </div>
    </>
  );
}
