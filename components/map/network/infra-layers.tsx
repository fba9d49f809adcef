'use client';
import type L from 'leaflet';
import { Fragment, memo, useMemo } from 'react';
import { Marker, Polyline } from 'react-leaflet';
import { odpIcon, siteIcon } from './icons';
import { CABLE_STYLES, onActivate } from './styles';
import type { CableLine, LatLngTuple, OdpPoint, SitePoint } from './types';
import type { FeatureSelection } from './view';

export type MoveTarget = { kind: 'odp' | 'site'; id: string; code: string };
/** A tap on a feature, with where it was (the marker itself, or the tapped point of a cable). */
export type FeatureTap = (selection: FeatureSelection, at: LatLngTuple) => void;
export type MoveHandler = (target: MoveTarget, to: LatLngTuple) => void;

const dropped = (e: L.DragEndEvent | L.LeafletEvent): LatLngTuple => {
  const p = (e.target as L.Marker).getLatLng();
  return [Number(p.lat.toFixed(6)), Number(p.lng.toFixed(6))];
};

type PointProps<T> = {
  item: T;
  at: LatLngTuple | undefined;
  draggable: boolean;
  onTap: FeatureTap;
  onMove: MoveHandler;
};

/**
 * One marker, re-rendered only when its own data changes: react-leaflet moves a marker and
 * re-binds its handlers whenever it gets a new position array or handler object, and a map
 * re-renders on every pan. `at` is a pending or just-saved move, which wins over the data.
 */
const OdpMarker = memo(function OdpMarker({ item: o, at, draggable, onTap, onMove }: PointProps<OdpPoint>) {
  const position = useMemo<LatLngTuple>(() => at ?? [o.lat, o.lng], [at, o.lat, o.lng]);
  const handlers = useMemo(
    () => ({
      ...onActivate(() => onTap({ kind: 'odp', item: o }, position)),
      dragend: (e: L.DragEndEvent) => onMove({ kind: 'odp', id: o.id, code: o.code }, dropped(e)),
    }),
    [o, position, onTap, onMove],
  );
  return (
    <Marker
      position={position}
      icon={odpIcon(o.usedPorts, o.totalPorts)}
      title={o.code}
      draggable={draggable}
      zIndexOffset={500}
      eventHandlers={handlers}
    />
  );
});

const SiteMarker = memo(function SiteMarker({ item: s, at, draggable, onTap, onMove }: PointProps<SitePoint>) {
  const position = useMemo<LatLngTuple>(() => at ?? [s.lat, s.lng], [at, s.lat, s.lng]);
  const handlers = useMemo(
    () => ({
      ...onActivate(() => onTap({ kind: 'site', item: s }, position)),
      dragend: (e: L.DragEndEvent) => onMove({ kind: 'site', id: s.id, code: s.code }, dropped(e)),
    }),
    [s, position, onTap, onMove],
  );
  return (
    <Marker
      position={position}
      icon={siteIcon(s.kind)}
      title={`${s.code} · ${s.name}`}
      draggable={draggable}
      zIndexOffset={s.kind === 'pole' ? 0 : 600}
      eventHandlers={handlers}
    />
  );
});

type PointsProps<T> = {
  items: T[];
  draggable: boolean;
  positions: Record<string, LatLngTuple>;
  onTap: FeatureTap;
  onMove: MoveHandler;
};

/**
 * ODPs with their port use on the marker. In edit mode they can be dragged; the drop only
 * asks for confirmation, and `positions` decides where a moved marker sits, so a cancelled
 * move snaps back on the next render.
 */
export function OdpMarkers({ items, positions, ...rest }: PointsProps<OdpPoint>) {
  return items.map((o) => <OdpMarker key={o.id} item={o} at={positions[o.id]} {...rest} />);
}

export function SiteMarkers({ items, positions, ...rest }: PointsProps<SitePoint>) {
  return items.map((s) => <SiteMarker key={s.id} item={s} at={positions[s.id]} {...rest} />);
}

// Style objects made once: a new pathOptions object makes react-leaflet restyle the line.
const VISIBLE = Object.fromEntries(
  Object.entries(CABLE_STYLES).map(([k, s]) => [k, { color: s.color, weight: s.weight, opacity: 0.9 }]),
);
const HIT = Object.fromEntries(
  Object.entries(CABLE_STYLES).map(([k, s]) => [k, { color: s.color, weight: 18, opacity: 0.01 }]),
);

/** A cable twice: the visible line, and a wide invisible one so a thumb can hit it. */
const Cable = memo(function Cable({ c, onTap }: { c: CableLine; onTap: FeatureTap }) {
  const handlers = useMemo(
    () => ({ click: (e: L.LeafletMouseEvent) => onTap({ kind: 'cable', item: c }, [e.latlng.lat, e.latlng.lng]) }),
    [c, onTap],
  );
  return (
    <Fragment>
      <Polyline positions={c.path} pathOptions={VISIBLE[c.cableType]} interactive={false} />
      <Polyline
        positions={c.path}
        pathOptions={HIT[c.cableType]}
        className={`map-cable map-cable-${c.id}`}
        bubblingMouseEvents={false}
        eventHandlers={handlers}
      />
    </Fragment>
  );
});

export function CableLines({ items, onTap }: { items: CableLine[]; onTap: FeatureTap }) {
  return items.map((c) => <Cable key={c.id} c={c} onTap={onTap} />);
}
