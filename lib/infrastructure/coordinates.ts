import { z } from 'zod';

/**
 * Where coordinates may lie: Indonesia, with a margin. A swapped latitude/longitude or a
 * point from another country's GPS fix is caught. Pure, so forms can check before sending.
 */
export const INDONESIA_BOUNDS = { minLat: -11.5, maxLat: 6.5, minLng: 94, maxLng: 141.5 } as const;

export function isIndonesianPoint(lat: unknown, lng: unknown): boolean {
  const b = INDONESIA_BOUNDS;
  return (
    typeof lat === 'number' &&
    typeof lng === 'number' &&
    lat >= b.minLat &&
    lat <= b.maxLat &&
    lng >= b.minLng &&
    lng <= b.maxLng
  );
}

/** Form and API fields: a number (or numeric text) inside INDONESIA_BOUNDS. */
export const latitudeSchema = z.coerce
  .number('validation.latitude')
  .min(INDONESIA_BOUNDS.minLat, 'validation.latitude')
  .max(INDONESIA_BOUNDS.maxLat, 'validation.latitude');
export const longitudeSchema = z.coerce
  .number('validation.longitude')
  .min(INDONESIA_BOUNDS.minLng, 'validation.longitude')
  .max(INDONESIA_BOUNDS.maxLng, 'validation.longitude');
