import L from 'leaflet';
import { SIGNAL_COLORS, type SignalTone } from '@/components/fibre/signal-style';
import type { SiteKind } from '@/lib/infrastructure/constants';
import { SITE_STYLES, STATUS_COLORS } from './styles';
import type { CustomerStatus } from './types';

/**
 * Markers are drawn as HTML (L.divIcon): no image files for the bundler to lose, and the
 * browser test can find them by data-testid. Icons are cached so React re-renders do not
 * make Leaflet swap every marker's element.
 */
const cache = new Map<string, L.DivIcon>();
function cached(key: string, make: () => L.DivIconOptions): L.DivIcon {
  let icon = cache.get(key);
  if (!icon) {
    icon = L.divIcon(make());
    cache.set(key, icon);
  }
  return icon;
}

export function customerIcon(status: CustomerStatus) {
  return cached(`c:${status}`, () => ({
    className: 'map-marker',
    iconSize: [18, 18],
    iconAnchor: [9, 9],
    html: `<span data-testid="customer-marker" data-status="${status}" style="display:block;width:18px;height:18px;border-radius:9999px;border:2px solid #fff;box-shadow:0 0 0 1px rgba(0,0,0,.35);background:${STATUS_COLORS[status]}"></span>`,
  }));
}

/** A customer coloured by their ONU's signal (the map's "colour by signal"). */
export function signalIcon(tone: SignalTone) {
  return cached(`g:${tone}`, () => ({
    className: 'map-marker',
    iconSize: [18, 18],
    iconAnchor: [9, 9],
    html: `<span data-testid="customer-marker" data-signal="${tone}" style="display:block;width:18px;height:18px;border-radius:9999px;border:2px solid #fff;box-shadow:0 0 0 1px rgba(0,0,0,.35);background:${SIGNAL_COLORS[tone]}"></span>`,
  }));
}

/** "used/total" on the ODP itself; red once every port is taken. */
export function odpIcon(used: number, total: number) {
  const full = used >= total;
  return cached(`o:${used}/${total}`, () => ({
    className: 'map-marker',
    iconSize: [46, 24],
    iconAnchor: [23, 12],
    html: `<span data-testid="odp-marker" data-full="${full}" style="display:flex;align-items:center;justify-content:center;height:24px;min-width:46px;padding:0 6px;border-radius:6px;font:600 12px/1 system-ui,sans-serif;color:${full ? '#fff' : '#4c1d95'};background:${full ? '#dc2626' : '#f5f3ff'};border:2px solid ${full ? '#991b1b' : '#7c3aed'};box-shadow:0 1px 2px rgba(0,0,0,.3)">${used}/${total}</span>`,
  }));
}

export function siteIcon(kind: SiteKind) {
  const { color, label } = SITE_STYLES[kind];
  const size = kind === 'pole' ? 18 : 30;
  return cached(`s:${kind}`, () => ({
    className: 'map-marker',
    iconSize: [size, size],
    iconAnchor: [size / 2, size / 2],
    html: `<span data-testid="site-marker" data-kind="${kind}" style="display:flex;align-items:center;justify-content:center;width:${size}px;height:${size}px;border-radius:${kind === 'pole' ? '9999px' : '6px'};font:700 ${kind === 'pole' ? 10 : 11}px/1 system-ui,sans-serif;color:#fff;background:${color};border:2px solid #fff;box-shadow:0 0 0 1px rgba(0,0,0,.4)">${label}</span>`,
  }));
}

/** A server-side cluster: how many customers are around here at this zoom. */
export function clusterIcon(count: number) {
  const size = count < 100 ? 34 : count < 1000 ? 42 : 50;
  const text = count < 10_000 ? String(count) : `${Math.round(count / 1000)}k`;
  return cached(`k:${text}:${size}`, () => ({
    className: 'map-marker',
    iconSize: [size, size],
    iconAnchor: [size / 2, size / 2],
    html: `<span data-testid="customer-cluster" style="display:flex;align-items:center;justify-content:center;width:${size}px;height:${size}px;border-radius:9999px;font:600 12px/1 system-ui,sans-serif;color:#064e3b;background:rgba(16,185,129,.55);border:3px solid rgba(16,185,129,.9)">${text}</span>`,
  }));
}

/** Where the operator tapped (coverage check, new ODP, cable points). */
export function pinIcon(color = '#dc2626') {
  return cached(`p:${color}`, () => ({
    className: 'map-marker',
    iconSize: [22, 22],
    iconAnchor: [11, 11],
    html: `<span data-testid="map-pin" style="display:block;width:22px;height:22px;border-radius:9999px;border:3px solid #fff;background:${color};box-shadow:0 0 0 2px ${color}"></span>`,
  }));
}

/** A work order: blue for today's, grey for upcoming, amber once the technician is under way. */
export function workOrderIcon(today: boolean, underWay: boolean) {
  const color = underWay ? '#d97706' : today ? '#2563eb' : '#64748b';
  return cached(`w:${today}:${underWay}`, () => ({
    className: 'map-marker',
    iconSize: [28, 28],
    iconAnchor: [14, 28],
    html: `<span data-testid="work-order-marker" data-today="${today}" style="display:flex;align-items:center;justify-content:center;width:28px;height:28px;border-radius:9999px 9999px 9999px 0;transform:rotate(-45deg);background:${color};border:2px solid #fff;box-shadow:0 0 0 1px rgba(0,0,0,.4)"><span style="transform:rotate(45deg);font:700 11px/1 system-ui,sans-serif;color:#fff">SPK</span></span>`,
  }));
}

/** A technician's last reported position: their initials in a dark circle. */
export function technicianIcon(initials: string) {
  const safe = initials.replace(/[^\p{L}\p{N}]/gu, '').slice(0, 2);
  return cached(`t:${safe}`, () => ({
    className: 'map-marker',
    iconSize: [30, 30],
    iconAnchor: [15, 15],
    html: `<span data-testid="technician-marker" style="display:flex;align-items:center;justify-content:center;width:30px;height:30px;border-radius:9999px;font:700 11px/1 system-ui,sans-serif;color:#fff;background:#0f172a;border:2px solid #facc15;box-shadow:0 1px 3px rgba(0,0,0,.5)">${safe}</span>`,
  }));
}
