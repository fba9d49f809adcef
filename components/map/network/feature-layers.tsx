'use client';
import { memo, useMemo } from 'react';
import { Marker } from 'react-leaflet';
import { CustomerLayer } from './customer-layer';
import { pinIcon } from './icons';
import { CableLines, type FeatureTap, type MoveHandler, OdpMarkers, SiteMarkers } from './infra-layers';
import type { LatLngTuple, MapFeatures } from './types';
import type { Layers } from './use-layers';

type Props = {
  data: MapFeatures | undefined;
  layers: Layers;
  canCustomers: boolean;
  draggable: boolean;
  positions: Record<string, LatLngTuple>;
  /** Stable across renders (the map keeps the latest handler in a ref). */
  onTap: FeatureTap;
  onMove: MoveHandler;
};

/**
 * Everything the bounds route sent, drawn by layer. Memoised as a whole: the map re-renders
 * on every pan and card change, and thousands of markers should only be touched when the
 * data, the layers or edit mode change.
 */
export const FeatureLayers = memo(function FeatureLayers({
  data,
  layers,
  canCustomers,
  draggable,
  positions,
  onTap,
  onMove,
}: Props) {
  const sites = useMemo(() => (data?.sites ?? []).filter((s) => layers[s.kind]), [data?.sites, layers]);
  return (
    <>
      {layers.cables && data?.cables && <CableLines items={data.cables} onTap={onTap} />}
      {canCustomers && (layers.customers || layers.pendingOnly || layers.weakSignalOnly) && data?.customers && (
        <CustomerLayer
          data={data.customers}
          pendingOnly={layers.pendingOnly}
          weakSignalOnly={layers.weakSignalOnly}
          bySignal={layers.signal}
          onTap={onTap}
        />
      )}
      <SiteMarkers items={sites} draggable={draggable} positions={positions} onTap={onTap} onMove={onMove} />
      {layers.odps && data?.odps && (
        <OdpMarkers items={data.odps} draggable={draggable} positions={positions} onTap={onTap} onMove={onMove} />
      )}
    </>
  );
});

/** Where a new ODP or site will go; a tap elsewhere on the map moves it. */
export function PlacePin({ at }: { at: LatLngTuple }) {
  return <Marker position={at} icon={pinIcon('#7c3aed')} interactive={false} zIndexOffset={1000} />;
}
