'use client';
import 'leaflet/dist/leaflet.css';
import { CircleMarker, MapContainer, TileLayer, Tooltip, useMap, useMapEvents } from 'react-leaflet';
import { useEffect } from 'react';
import { useTileUrl } from './map-config';

export type MapPoint = { latitude: number; longitude: number; label?: string; kind?: 'odp' | 'customer' | 'pick' };

const COLORS = { odp: '#7c3aed', customer: '#059669', pick: '#dc2626' } as const;

function Recenter({ center }: { center: [number, number] }) {
  const map = useMap();
  useEffect(() => {
    map.setView(center, map.getZoom());
  }, [map, center]);
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
}: {
  center: { latitude: number; longitude: number };
  points: MapPoint[];
  onPick?: (p: { latitude: number; longitude: number }) => void;
  height?: number;
}) {
  const c: [number, number] = [center.latitude, center.longitude];
  // Without a tile server (or without network) the map still picks points and shows markers.
  const tileUrl = useTileUrl();
  return (
    <div style={{ height }} className="overflow-hidden rounded-lg border border-slate-300 dark:border-slate-700" data-testid="location-map">
      <MapContainer center={c} zoom={17} style={{ height: '100%', width: '100%' }} scrollWheelZoom={false}>
        {tileUrl && <TileLayer url={tileUrl} attribution="&copy; OpenStreetMap" />}
        <Recenter center={c} />
        <ClickToPick onPick={onPick} />
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
