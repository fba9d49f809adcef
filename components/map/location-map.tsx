'use client';
import 'leaflet/dist/leaflet.css';
import { useEffect } from 'react';
import { Circle, CircleMarker, MapContainer, Polyline, TileLayer, Tooltip, useMap, useMapEvents } from 'react-leaflet';
import { useTileUrl } from './map-config';

export type MapPoint = { latitude: number; longitude: number; label?: string; kind?: 'odp' | 'customer' | 'pick' };
/** A dashed line between two points with a permanent label (the coverage check's distances). */
export type MapLine = { from: MapPoint; to: MapPoint; label: string };

const COLORS = { odp: '#7c3aed', customer: '#059669', pick: '#dc2626' } as const;

/** Follows the picked point; by value, so a re-render of the form does not undo the user's panning. */
function Recenter({ lat, lng }: { lat: number; lng: number }) {
  const map = useMap();
  useEffect(() => {
    map.setView([lat, lng], map.getZoom());
  }, [map, lat, lng]);
  return null;
}

function ClickToPick({ onPick }: { onPick?: (p: { latitude: number; longitude: number }) => void }) {
  useMapEvents({
    click: (e) => onPick?.({ latitude: Number(e.latlng.lat.toFixed(6)), longitude: Number(e.latlng.lng.toFixed(6)) }),
  });
  return null;
}

export default function LocationMap({
  center,
  points,
  onPick,
  height = 280,
  lines = [],
  radiusM,
}: {
  center: { latitude: number; longitude: number };
  points: MapPoint[];
  onPick?: (p: { latitude: number; longitude: number }) => void;
  height?: number;
  lines?: MapLine[];
  /** A circle of this radius around the center (the coverage radius). */
  radiusM?: number;
}) {
  const c: [number, number] = [center.latitude, center.longitude];
  // Without a tile server (or without network) the map still picks points and shows markers.
  const tileUrl = useTileUrl();
  return (
    // isolate: Leaflet's panes and controls (z-index 400-1000) stay inside the map, under the
    // sticky header (z-20) and the phone bottom bar (z-30) when the page scrolls.
    <div
      style={{ height }}
      className="relative isolate overflow-hidden rounded-lg border border-slate-300 dark:border-slate-700"
      data-testid="location-map"
    >
      <MapContainer center={c} zoom={17} style={{ height: '100%', width: '100%' }} scrollWheelZoom={false}>
        {tileUrl && <TileLayer url={tileUrl} attribution="&copy; OpenStreetMap" />}
        <Recenter lat={c[0]} lng={c[1]} />
        <ClickToPick onPick={onPick} />
        {radiusM !== undefined && (
          <Circle
            center={c}
            radius={radiusM}
            pathOptions={{ color: '#059669', weight: 1, fillOpacity: 0.06 }}
            interactive={false}
          />
        )}
        {lines.map((l, i) => (
          <Polyline
            key={`line-${i}`}
            positions={[
              [l.from.latitude, l.from.longitude],
              [l.to.latitude, l.to.longitude],
            ]}
            pathOptions={{ color: i === 0 ? '#059669' : '#64748b', weight: 2, dashArray: '6 6' }}
          >
            <Tooltip permanent direction="center">
              {l.label}
            </Tooltip>
          </Polyline>
        ))}
        {points.map((p, i) => (
          <CircleMarker
            key={`${p.kind}-${i}`}
            center={[p.latitude, p.longitude]}
            radius={p.kind === 'pick' ? 9 : 7}
            pathOptions={{ color: COLORS[p.kind ?? 'customer'], fillOpacity: 0.7 }}
          >
            {p.label && <Tooltip>{p.label}</Tooltip>}
          </CircleMarker>
        ))}
      </MapContainer>
    </div>
  );
}
