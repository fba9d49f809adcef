'use client';
import dynamic from 'next/dynamic';

/** Leaflet touches `window`: the network map only ever renders in the browser. */
export const NetworkMap = dynamic(() => import('./network-map'), {
  ssr: false,
  loading: () => (
    <div className="-mx-4 -mt-4 -mb-24 h-[calc(100dvh-7rem-var(--demo-banner-h,0px)-env(safe-area-inset-bottom))] animate-pulse bg-slate-200 md:-m-6 md:h-[calc(100dvh-3.5rem-var(--demo-banner-h,0px))] dark:bg-slate-800" />
  ),
});
export type { NetworkMapProps } from './network-map';
