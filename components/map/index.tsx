'use client';
import dynamic from 'next/dynamic';

/** Leaflet touches `window`, so the map only ever renders in the browser. */
export const LocationMap = dynamic(() => import('./location-map'), {
  ssr: false,
  loading: () => <div className="h-[280px] animate-pulse rounded-lg bg-slate-200 dark:bg-slate-800" />,
});
export type { MapLine, MapPoint } from './location-map';
