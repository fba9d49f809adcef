'use client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type L from 'leaflet';
import { useEffect, useRef } from 'react';
import { useMap, useMapEvents } from 'react-leaflet';
import { getJson } from './fetch-json';
import type { MapFeatures } from './types';
import { snapBounds } from './view';

export type MapView = { bbox: string; zoom: number };

/** Reports the map's view once it settles (250 ms after the last move or zoom). */
export function ViewWatcher({ onView }: { onView: (view: MapView, map: L.Map) => void }) {
  const map = useMap();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const report = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const zoom = Math.round(map.getZoom());
      onView({ bbox: snapBounds(map.getBounds(), zoom), zoom }, map);
    }, 250);
  };
  useMapEvents({ moveend: report, zoomend: report });
  // biome-ignore lint/correctness/useExhaustiveDependencies: only once, for the first view; later ones come from the events
  useEffect(() => {
    report();
    return () => clearTimeout(timer.current);
  }, []);
  return null;
}

/** Only what is inside the view, from the bounds route; the last answer stays while panning. */
export function useFeatures(view: MapView | null, layers: string[]) {
  const layerParam = layers.join(',');
  return useQuery({
    queryKey: ['map-features', view?.bbox, view?.zoom, layerParam],
    enabled: view !== null && layerParam !== '',
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    queryFn: ({ signal }) =>
      getJson<MapFeatures>(
        `/api/map/features?${new URLSearchParams({ bbox: view!.bbox, zoom: String(view!.zoom), layers: layerParam })}`,
        signal,
      ),
  });
}
