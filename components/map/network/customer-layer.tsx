'use client';
import 'react-leaflet-cluster/dist/assets/MarkerCluster.css';
import 'react-leaflet-cluster/dist/assets/MarkerCluster.Default.css';
import { useMemo, useRef } from 'react';
import { Marker, useMap } from 'react-leaflet';
import MarkerClusterGroup from 'react-leaflet-cluster';
import { clusterIcon, customerIcon, signalIcon } from './icons';
import type { FeatureTap } from './infra-layers';
import { onActivate } from './styles';
import type { CustomerPoint, LatLngTuple, MapFeatures } from './types';

/**
 * Customers as the server sends them: single points (clustered in the browser, so a few
 * thousand stay smooth) or, when too many are in view, the server's own grid clusters.
 */
export function CustomerLayer({
  data,
  pendingOnly,
  weakSignalOnly = false,
  bySignal = false,
  onTap,
}: {
  data: NonNullable<MapFeatures['customers']>;
  pendingOnly: boolean;
  /** Only customers whose ONU reads warning, critical or LOS ("redaman buruk"). */
  weakSignalOnly?: boolean;
  /** Colour by the ONU's signal instead of the customer's status. */
  bySignal?: boolean;
  onTap: FeatureTap;
}) {
  const points = data.mode === 'points' ? data.items : null;
  // Memoised: a new array would rebuild every marker on each render of the map.
  const shown = useMemo(
    () =>
      points?.filter(
        (c) =>
          (!pendingOnly || c.status === 'pending') && (!weakSignalOnly || (c.signal !== null && c.signal !== 'ok')),
      ) ?? null,
    [points, pendingOnly, weakSignalOnly],
  );
  if (data.mode === 'clusters') return pendingOnly || weakSignalOnly ? null : <ServerClusters items={data.items} />;
  return <CustomerPoints items={shown ?? []} bySignal={bySignal || weakSignalOnly} onTap={onTap} />;
}

function CustomerPoints({ items, bySignal, onTap }: { items: CustomerPoint[]; bySignal: boolean; onTap: FeatureTap }) {
  // The same [lat, lng] array for an unmoved customer: react-leaflet moves a marker whenever
  // its position prop is a new array, and moving thousands of clustered markers is slow.
  // Only the customers in the current answer are kept, so panning far does not pile them up.
  const positions = useRef(new Map<string, LatLngTuple>());
  const markers = useMemo(() => {
    const prev = positions.current;
    const next = new Map<string, LatLngTuple>();
    const out = items.map((c) => {
      let pos = prev.get(c.id);
      if (!pos || pos[0] !== c.lat || pos[1] !== c.lng) pos = [c.lat, c.lng];
      next.set(c.id, pos);
      const at = pos;
      return (
        <Marker
          key={c.id}
          position={pos}
          icon={bySignal ? signalIcon(c.signal ?? 'none') : customerIcon(c.status)}
          title={c.name}
          eventHandlers={onActivate(() => onTap({ kind: 'customer', item: c }, at))}
        />
      );
    });
    positions.current = next;
    return out;
  }, [items, bySignal, onTap]);
  return (
    <MarkerClusterGroup
      chunkedLoading
      showCoverageOnHover={false}
      maxClusterRadius={45}
      disableClusteringAtZoom={18}
      spiderfyOnMaxZoom
    >
      {markers}
    </MarkerClusterGroup>
  );
}

function ServerClusters({ items }: { items: { lat: number; lng: number; count: number }[] }) {
  const map = useMap();
  return (
    <>
      {items.map((k) => (
        <Marker
          key={`${k.lat},${k.lng}`}
          position={[k.lat, k.lng]}
          icon={clusterIcon(k.count)}
          title={String(k.count)}
          eventHandlers={onActivate(() => map.flyTo([k.lat, k.lng], Math.min(map.getZoom() + 2, map.getMaxZoom())))}
        />
      ))}
    </>
  );
}
