import type L from 'leaflet';
import type { MapFeatures, Selection } from './types';

export type StartView = { lat: number; lng: number; zoom: number };
export type FeatureRef = { kind: 'customer' | 'odp' | 'site' | 'cable'; id: string };

const VIEW_KEY = 'jaring.map.view';

/**
 * The bounds snapped outwards to a grid of a quarter tile at this zoom: small pans reuse the
 * cached answer, and the key stays the same for the same place.
 */
export function snapBounds(
  b: Pick<L.LatLngBounds, 'getWest' | 'getSouth' | 'getEast' | 'getNorth'>,
  zoom: number,
): string {
  const step = 90 / 2 ** zoom;
  const down = (v: number) => Math.floor(v / step) * step;
  const up = (v: number) => Math.ceil(v / step) * step;
  const west = Math.max(-180, down(b.getWest()));
  const south = Math.max(-90, down(b.getSouth()));
  const east = Math.min(180, up(b.getEast()));
  const north = Math.min(90, up(b.getNorth()));
  return [west, south, east, north].map((v) => v.toFixed(5)).join(',');
}

/** Where this device last looked, so the map reopens there. */
export function loadSavedView(): StartView | null {
  try {
    const v = JSON.parse(localStorage.getItem(VIEW_KEY) ?? 'null') as StartView | null;
    return v && [v.lat, v.lng, v.zoom].every(Number.isFinite) ? v : null;
  } catch {
    return null;
  }
}

export function saveView(map: L.Map) {
  const c = map.getCenter();
  try {
    localStorage.setItem(
      VIEW_KEY,
      JSON.stringify({ lat: Number(c.lat.toFixed(6)), lng: Number(c.lng.toFixed(6)), zoom: map.getZoom() }),
    );
  } catch {
    // Storage unavailable: the map simply opens at the default place next time.
  }
}

export function parseFeatureRef(value: string | undefined): FeatureRef | null {
  const m = /^(customer|odp|site|cable):([0-9a-f-]{36})$/i.exec(value ?? '');
  return m ? { kind: m[1] as FeatureRef['kind'], id: m[2]!.toLowerCase() } : null;
}

export type FeatureSelection = Extract<Selection, { kind: FeatureRef['kind'] }>;

export function findFeature(data: MapFeatures, ref: FeatureRef): FeatureSelection | null {
  switch (ref.kind) {
    case 'customer': {
      const item = data.customers?.mode === 'points' ? data.customers.items.find((c) => c.id === ref.id) : undefined;
      return item ? { kind: 'customer', item } : null;
    }
    case 'odp': {
      const item = data.odps?.find((o) => o.id === ref.id);
      return item ? { kind: 'odp', item } : null;
    }
    case 'site': {
      const item = data.sites?.find((s) => s.id === ref.id);
      return item ? { kind: 'site', item } : null;
    }
    case 'cable': {
      const item = data.cables?.find((c) => c.id === ref.id);
      return item ? { kind: 'cable', item } : null;
    }
  }
}
