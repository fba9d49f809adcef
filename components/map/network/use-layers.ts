'use client';
import { useCallback, useState } from 'react';
import { SITE_KINDS, type SiteKind } from '@/lib/infrastructure/constants';

export const LAYER_KEYS = [
  'customers',
  'pendingOnly',
  'signal',
  'weakSignalOnly',
  'odps',
  'cables',
  ...SITE_KINDS,
  'workOrders',
  'technicians',
] as const;
export type LayerKey = (typeof LAYER_KEYS)[number];
export type Layers = Record<LayerKey, boolean>;

const DEFAULTS: Layers = {
  customers: true,
  pendingOnly: false,
  signal: false,
  weakSignalOnly: false,
  odps: true,
  cables: true,
  pop: true,
  olt: true,
  odc: true,
  pole: true,
  workOrders: true,
  technicians: true,
};
const STORAGE_KEY = 'jaring.map.layers';

function load(): Layers {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as Partial<Layers>;
    const out = { ...DEFAULTS };
    for (const key of LAYER_KEYS) if (typeof saved[key] === 'boolean') out[key] = saved[key];
    return out;
  } catch {
    return { ...DEFAULTS };
  }
}

/** Which layers are on, remembered per browser (the map only renders on the client). */
export function useLayers() {
  const [layers, setLayers] = useState<Layers>(load);
  const toggle = useCallback((key: LayerKey) => {
    setLayers((prev) => {
      const next = { ...prev, [key]: !prev[key] };
      try {
        localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
      } catch {
        // Private mode or full storage: the toggle still works for this visit.
      }
      return next;
    });
  }, []);
  return { layers, toggle };
}

/** The `layers` parameter of /api/map/features for what is switched on. */
export function serverLayers(layers: Layers, canCustomers: boolean): string[] {
  const out: string[] = [];
  if (canCustomers && (layers.customers || layers.pendingOnly || layers.weakSignalOnly)) out.push('customers');
  if (layers.odps) out.push('odps');
  if (SITE_KINDS.some((k: SiteKind) => layers[k])) out.push('sites');
  if (layers.cables) out.push('cables');
  return out;
}
