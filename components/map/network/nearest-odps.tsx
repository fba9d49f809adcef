'use client';
import { useLocale, useTranslations } from 'next-intl';
import { useRef, useState } from 'react';
import type { MapLine, MapPoint } from '../location-map';
import { getJson } from './fetch-json';
import { formatDistance } from './styles';
import type { CoverageAnswer, NearOdp } from './types';

type Point = { latitude: number; longitude: number };
export type Nearest = { at: Point; items: NearOdp[] } | null;

/**
 * The nearest ODPs with a free port around a point, from the coverage route (staff who may
 * see the network only). The answer remembers its point, so a newer point never shows lines
 * to an older answer.
 */
export function useNearestOdps(enabled: boolean) {
  const [nearest, setNearest] = useState<Nearest>(null);
  const seq = useRef(0);
  const load = (at: Point) => {
    if (!enabled) return;
    const n = ++seq.current;
    setNearest(null);
    getJson<CoverageAnswer>(`/api/map/coverage?lat=${at.latitude}&lng=${at.longitude}`)
      .then((a) => n === seq.current && setNearest({ at, items: a.nearest }))
      // The verdict itself comes from the coverage action; without this list the form still works.
      .catch(() => n === seq.current && setNearest({ at, items: [] }));
  };
  return { nearest, load };
}

/** LocationMap props: the picked point, the ODPs and a labelled line to each. */
export function useNearestOnMap(
  point: Point | null,
  nearest: Nearest,
  radiusM: number,
): { points: MapPoint[]; lines: MapLine[]; radiusM?: number } {
  const locale = useLocale();
  if (!point) return { points: [], lines: [] };
  const pick: MapPoint = { ...point, kind: 'pick' };
  if (!nearest || nearest.at.latitude !== point.latitude || nearest.at.longitude !== point.longitude)
    return { points: [pick], lines: [] };
  const odps = nearest.items.map((o): MapPoint => ({ latitude: o.lat, longitude: o.lng, kind: 'odp', label: o.code }));
  return {
    points: [...odps, pick],
    lines: nearest.items.map((o, i) => ({ from: pick, to: odps[i]!, label: formatDistance(o.distanceM, locale) })),
    radiusM,
  };
}

export function NearestOdps({ nearest }: { nearest: Nearest }) {
  const t = useTranslations('map.lead');
  const locale = useLocale();
  if (!nearest || nearest.items.length === 0) return null;
  return (
    <div className="text-sm">
      <p className="font-medium">{t('nearestTitle')}</p>
      <ul className="mt-1 space-y-0.5" data-testid="coverage-nearest">
        {nearest.items.map((o) => (
          <li key={o.id}>
            {t('nearestItem', { code: o.code, distance: formatDistance(o.distanceM, locale), free: o.freePorts })}
          </li>
        ))}
      </ul>
    </div>
  );
}
