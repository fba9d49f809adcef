'use client';
import type L from 'leaflet';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Circle, CircleMarker } from 'react-leaflet';
import type { LatLngTuple } from './types';

export type Located = { at: LatLngTuple; accuracyM: number };

/**
 * "Lokasi saya". Browsers only give the position to pages served over HTTPS (or localhost):
 * an ISP reaching Jaring at http://192.168.x.x from a phone gets nothing, so say so plainly.
 */
export function useLocate(onError: (message: string) => void) {
  const t = useTranslations('map.locate');
  const [located, setLocated] = useState<Located | null>(null);
  const [busy, setBusy] = useState(false);
  const locate = (map: L.Map | null) => {
    if (!map) return;
    if (!window.isSecureContext) return onError(t('insecure'));
    if (!('geolocation' in navigator)) return onError(t('unavailable'));
    setBusy(true);
    navigator.geolocation.getCurrentPosition(
      (g) => {
        setBusy(false);
        const at: LatLngTuple = [g.coords.latitude, g.coords.longitude];
        setLocated({ at, accuracyM: g.coords.accuracy });
        map.flyTo(at, Math.max(map.getZoom(), 17));
      },
      (err) => {
        setBusy(false);
        onError(
          err.code === err.PERMISSION_DENIED ? t('denied') : err.code === err.TIMEOUT ? t('timeout') : t('unavailable'),
        );
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 30_000 },
    );
  };
  return { located, busy, locate };
}

export function LocatedMarker({ located }: { located: Located }) {
  return (
    <>
      <Circle
        center={located.at}
        radius={located.accuracyM}
        pathOptions={{ color: '#2563eb', weight: 1, fillOpacity: 0.1 }}
        interactive={false}
      />
      <CircleMarker
        center={located.at}
        radius={8}
        pathOptions={{ color: '#fff', weight: 3, fillColor: '#2563eb', fillOpacity: 1 }}
        interactive={false}
      />
    </>
  );
}
