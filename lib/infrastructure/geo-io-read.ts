import { type Folder, kmlWithFolders, type Root } from '@tmcw/togeojson';
import { DOMParser, onErrorStopParsing } from '@xmldom/xmldom';
import { Unzip, UnzipInflate } from 'fflate';
import type { Feature, Geometry } from 'geojson';

/** Upload limit for GeoJSON / KML / KMZ (Google Earth exports of a whole network fit easily). */
export const GEO_FILE_MAX_BYTES = 10 * 1024 * 1024;
/**
 * Upper bound on what one KMZ may unpack to (a 20,000-feature network is ~10 MB of KML), so
 * a zip bomb cannot fill the memory. Counted on the bytes actually inflated: the sizes a zip
 * declares in its headers are the attacker's to choose.
 */
export const KMZ_MAX_UNPACKED = 25 * 1024 * 1024;
/** How much compressed input is inflated at a time: a deflate stream grows ~1,000× at most. */
const KMZ_CHUNK = 16 * 1024;
export const GEO_FILE_MAX_FEATURES = 20_000;
/**
 * xmldom builds the whole document, ~600 bytes of heap per tag; a realistic 20,000-placemark
 * Google Earth file has ~800,000 tags. A file of millions of empty tags would take gigabytes
 * (one upload could take the server down), so it is refused before parsing.
 */
export const KML_MAX_TAGS = 1_000_000;

export type GeoFormat = 'geojson' | 'kml' | 'kmz';

/** One feature as read from the file: geometry, raw properties, enclosing KML folder names (outermost first). */
export type SourceFeature = { geometry: Geometry | null; properties: Record<string, unknown>; folders: string[] };

export const GEO_FILE_ERRORS = [
  'empty',
  'tooLarge',
  'unreadable',
  'badJson',
  'badXml',
  'notGeo',
  'kmzWithoutKml',
  'noFeatures',
  'tooMany',
] as const;
export type GeoFileErrorCode = (typeof GEO_FILE_ERRORS)[number];

/** The file as a whole cannot be used (messages `networkIo.fileErrors.<code>`). */
export class GeoFileError extends Error {
  constructor(public readonly code: GeoFileErrorCode) {
    super(code);
  }
}

/**
 * Reads GeoJSON (FeatureCollection, Feature or a bare geometry), KML or KMZ (a zip holding
 * doc.kml) by looking at the content, not the file name: operators rename files.
 */
export function readGeoFile(bytes: Uint8Array): { format: GeoFormat; features: SourceFeature[] } {
  if (bytes.length === 0) throw new GeoFileError('empty');
  if (bytes.length > GEO_FILE_MAX_BYTES) throw new GeoFileError('tooLarge');
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  let result: { format: GeoFormat; features: SourceFeature[] };
  try {
    result = isZip
      ? { format: 'kmz' as const, features: readKml(kmlInsideKmz(bytes)) }
      : readText(
          new TextDecoder('utf-8')
            .decode(bytes)
            .replace(/^\uFEFF/, '')
            .trim(),
        );
  } catch (error) {
    // Absurd nesting (folders inside folders 100,000 deep) overflows the recursive readers.
    if (error instanceof RangeError) throw new GeoFileError('unreadable');
    throw error;
  }
  if (result.features.length === 0) throw new GeoFileError('noFeatures');
  if (result.features.length > GEO_FILE_MAX_FEATURES) throw new GeoFileError('tooMany');
  return result;
}

function readText(text: string): { format: GeoFormat; features: SourceFeature[] } {
  if (text === '') throw new GeoFileError('empty');
  if (text.startsWith('{')) return { format: 'geojson', features: readGeoJson(text) };
  if (text.startsWith('<')) return { format: 'kml', features: readKml(text) };
  throw new GeoFileError('unreadable');
}

function kmlInsideKmz(bytes: Uint8Array): string {
  const found: { name: string; parts: Uint8Array[] }[] = [];
  let unpacked = 0;
  let failure: GeoFileError | null = null;
  const unzip = new Unzip((file) => {
    // Only .kml entries are inflated; icons and photos in the KMZ are skipped unread.
    if (!file.name.toLowerCase().endsWith('.kml')) return;
    const entry = { name: file.name, parts: [] as Uint8Array[] };
    found.push(entry);
    file.ondata = (error, chunk) => {
      if (failure) return;
      if (error) failure = new GeoFileError('unreadable');
      else if ((unpacked += chunk.length) > KMZ_MAX_UNPACKED) failure = new GeoFileError('tooLarge');
      else entry.parts.push(chunk);
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    // Fed in slices so inflating stops as soon as the cap is passed, not after the whole bomb.
    for (let at = 0; at < bytes.length && !failure; at += KMZ_CHUNK) {
      unzip.push(bytes.subarray(at, at + KMZ_CHUNK), at + KMZ_CHUNK >= bytes.length);
    }
  } catch {
    failure ??= new GeoFileError('unreadable');
  }
  if (failure) throw failure;
  // Google Earth names the main document doc.kml; other tools use any single .kml.
  const main = found.find((f) => f.name.toLowerCase() === 'doc.kml') ?? found[0];
  if (!main) throw new GeoFileError('kmzWithoutKml');
  const joined = new Uint8Array(main.parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of main.parts) {
    joined.set(part, at);
    at += part.length;
  }
  return new TextDecoder('utf-8').decode(joined).replace(/^\uFEFF/, '');
}

/** Counts '<' up to the cap: cheap next to building a DOM of them. */
function tooManyTags(text: string): boolean {
  let n = 0;
  for (let i = text.indexOf('<'); i !== -1; i = text.indexOf('<', i + 1)) if (++n > KML_MAX_TAGS) return true;
  return false;
}

function readGeoJson(text: string): SourceFeature[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new GeoFileError('badJson');
  }
  const type = (data as { type?: unknown } | null)?.type;
  const asSource = (f: Partial<Feature>): SourceFeature => ({
    geometry: (f.geometry ?? null) as Geometry | null,
    properties: f.properties && typeof f.properties === 'object' ? { ...f.properties } : {},
    folders: [],
  });
  if (type === 'FeatureCollection') {
    const features = (data as { features?: unknown }).features;
    if (!Array.isArray(features)) throw new GeoFileError('notGeo');
    return features.filter((f) => f && typeof f === 'object').map((f) => asSource(f as Feature));
  }
  if (type === 'Feature') return [asSource(data as Feature)];
  if (typeof type === 'string' && 'coordinates' in (data as object)) return [asSource({ geometry: data as Geometry })];
  throw new GeoFileError('notGeo');
}

function readKml(text: string): SourceFeature[] {
  if (tooManyTags(text)) throw new GeoFileError('tooMany');
  let doc;
  try {
    doc = new DOMParser({ onError: onErrorStopParsing }).parseFromString(text, 'text/xml');
  } catch {
    throw new GeoFileError('badXml');
  }
  if (doc.documentElement?.localName !== 'kml') throw new GeoFileError('notGeo');
  const out: SourceFeature[] = [];
  const walk = (node: Root | Folder, folders: string[]) => {
    for (const child of node.children) {
      if (child.type === 'folder') {
        const name = typeof child.meta.name === 'string' ? child.meta.name.trim() : '';
        walk(child, name ? [...folders, name] : folders);
      } else {
        out.push({ geometry: child.geometry, properties: { ...(child.properties ?? {}) }, folders });
      }
    }
  };
  walk(kmlWithFolders(doc), []);
  return out;
}
