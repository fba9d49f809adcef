import { z } from 'zod';
import type { CablePath } from '@/lib/infrastructure/constants';
import { isIndonesianPoint } from './coordinates';
import { distanceMeters } from './geo';

export const CABLE_MAX_POINTS = 500;

/**
 * A route as the map sends it ([lat, lng] pairs, or that array as JSON) or as an operator
 * types it in the form: one "lat, lng" per line. Returns null when it is neither.
 */
export function parseCablePath(raw: unknown): [number, number][] | null {
  let value = raw;
  if (typeof value === 'string') {
    const text = value.trim();
    if (text.startsWith('[')) {
      try {
        value = JSON.parse(text);
      } catch {
        return null;
      }
    } else {
      value = text
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean)
        .map((line) => line.split(/[\s,;]+/).filter(Boolean));
    }
  }
  if (!Array.isArray(value)) return null;
  const points: [number, number][] = [];
  for (const pair of value) {
    if (!Array.isArray(pair) || pair.length !== 2) return null;
    const [lat, lng] = pair.map((v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v));
    if (typeof lat !== 'number' || typeof lng !== 'number' || !Number.isFinite(lat) || !Number.isFinite(lng))
      return null;
    points.push([lat, lng]);
  }
  return points;
}

/** 2 to 500 points, every one inside Indonesia (as ODP coordinates are). */
export const cablePathSchema = z.unknown().transform((raw, ctx): CablePath => {
  const points = parseCablePath(raw);
  if (!points || points.length < 2 || points.length > CABLE_MAX_POINTS) {
    ctx.addIssue({ code: 'custom', message: 'validation.cablePath' });
    return z.NEVER;
  }
  if (!points.every(([lat, lng]) => isIndonesianPoint(lat, lng))) {
    ctx.addIssue({ code: 'custom', message: 'validation.cablePoint' });
    return z.NEVER;
  }
  // Six decimals is ~10 cm: enough for a pole, and it keeps the stored route small.
  return points.map(([lat, lng]) => [Number(lat.toFixed(6)), Number(lng.toFixed(6))]);
});

/** Length along the route (haversine per segment, whole metres) and its bounding box. */
export function cableGeometry(path: CablePath) {
  let length = 0;
  for (let i = 1; i < path.length; i++) {
    length += distanceMeters(
      { latitude: path[i - 1]![0], longitude: path[i - 1]![1] },
      { latitude: path[i]![0], longitude: path[i]![1] },
    );
  }
  const lats = path.map((p) => p[0]);
  const lngs = path.map((p) => p[1]);
  return {
    lengthM: Math.round(length),
    minLat: Math.min(...lats),
    maxLat: Math.max(...lats),
    minLng: Math.min(...lngs),
    maxLng: Math.max(...lngs),
  };
}

/** The route as the form's textarea shows it. */
export function formatCablePath(path: CablePath): string {
  return path.map(([lat, lng]) => `${lat}, ${lng}`).join('\n');
}
