import type { CableType, SiteKind } from '@/lib/infrastructure/constants';
import { distanceMeters } from '@/lib/infrastructure/geo';
import type { CustomerStatus, LatLngTuple } from './types';

/** Status colours operators already know from the customer list badges. */
export const STATUS_COLORS: Record<CustomerStatus, string> = {
  active: '#16a34a',
  isolated: '#ea580c',
  offline: '#64748b',
  pending: '#2563eb',
  suspended: '#9333ea',
};

export const SITE_STYLES: Record<SiteKind, { color: string; label: string }> = {
  pop: { color: '#b91c1c', label: 'POP' },
  olt: { color: '#4338ca', label: 'OLT' },
  odc: { color: '#0f766e', label: 'ODC' },
  pole: { color: '#57534e', label: 'T' },
};

/** Thicker and warmer for the cables that carry more customers. */
export const CABLE_STYLES: Record<CableType, { color: string; weight: number }> = {
  backbone: { color: '#b91c1c', weight: 5 },
  feeder: { color: '#ea580c', weight: 4 },
  distribution: { color: '#2563eb', weight: 3 },
  drop: { color: '#475569', weight: 2 },
};

export function pathLengthM(path: LatLngTuple[]): number {
  let total = 0;
  for (let i = 1; i < path.length; i++) {
    const [a, b] = [path[i - 1]!, path[i]!];
    total += distanceMeters({ latitude: a[0], longitude: a[1] }, { latitude: b[0], longitude: b[1] });
  }
  return Math.round(total);
}

export function formatDistance(m: number, locale: string): string {
  if (m < 1000) return `${Math.round(m)} m`;
  return `${(m / 1000).toLocaleString(locale, { maximumFractionDigits: 1 })} km`;
}

export const formatCoord = (v: number) => v.toFixed(6);

/** A marker's handlers for a tap and for Enter (Leaflet markers are focusable buttons). */
export function onActivate(fn: () => void) {
  return { click: fn, keypress: (e: { originalEvent: KeyboardEvent }) => e.originalEvent.key === 'Enter' && fn() };
}
