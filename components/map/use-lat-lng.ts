'use client';
import { useState } from 'react';

export const DEFAULT_CENTER = { latitude: -6.9147, longitude: 107.6098 };

/**
 * Latitude/longitude as the text the operator types, kept in step with map taps and the
 * phone's location. `point` is the parsed position, or null while the text is not a number.
 */
export function useLatLng(initial?: { latitude: number; longitude: number } | null) {
  const [lat, setLat] = useState(initial ? String(initial.latitude) : '');
  const [lng, setLng] = useState(initial ? String(initial.longitude) : '');
  const latitude = Number.parseFloat(lat.replace(',', '.'));
  const longitude = Number.parseFloat(lng.replace(',', '.'));
  const point = Number.isFinite(latitude) && Number.isFinite(longitude) ? { latitude, longitude } : null;
  const pick = (p: { latitude: number; longitude: number }) => {
    setLat(String(p.latitude));
    setLng(String(p.longitude));
  };
  return { lat, lng, setLat, setLng, point, pick, center: point ?? DEFAULT_CENTER };
}
