import {
  CABLE_TYPES,
  type CableType,
  SITE_KINDS,
  SPLITTER_RATIOS,
  type SplitterRatio,
} from '@/lib/infrastructure/constants';

/** What an imported feature becomes: an ODP, a site of some kind, or a cable. */
export const IMPORT_KINDS = ['odp', ...SITE_KINDS, 'cable'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
/** Kinds a point may default to on the import form (lines are always cables). */
export const POINT_KINDS = ['odp', ...SITE_KINDS] as const;
export type PointKind = (typeof POINT_KINDS)[number];

// Words operators use for each kind, in Indonesian and English (folder names, prefixes, a
// "jenis" column). Matched as whole words, so "Tiang ODP" is an ODP folder only if no earlier
// word matches.
const KIND_WORDS: Record<string, ImportKind> = {
  odp: 'odp',
  fat: 'odp',
  odc: 'odc',
  fdt: 'odc',
  pop: 'pop',
  olt: 'olt',
  tiang: 'pole',
  pole: 'pole',
  poles: 'pole',
  kabel: 'cable',
  cable: 'cable',
  cables: 'cable',
  fo: 'cable',
  fiber: 'cable',
  fibre: 'cable',
};

const CABLE_TYPE_WORDS: Record<string, CableType> = {
  feeder: 'feeder',
  distribution: 'distribution',
  distribusi: 'distribution',
  drop: 'drop',
  dropcore: 'drop',
  backbone: 'backbone',
};

const words = (text: string) =>
  text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

/** The first word of `text` that names a kind ("Kabel Feeder 24 core" → cable). */
export function kindFromWords(text: string | null | undefined): ImportKind | null {
  for (const w of words(text ?? '')) if (KIND_WORDS[w]) return KIND_WORDS[w];
  return null;
}

/** The kind a name starts with: "ODP-MLT-01", "ODC 3", "tiang_12" (not "Rumah dekat ODP"). */
export function kindFromPrefix(name: string | null | undefined): ImportKind | null {
  const first = words(name ?? '')[0];
  return first ? (KIND_WORDS[first] ?? null) : null;
}

export function cableTypeFromWords(text: string | null | undefined): CableType | null {
  const value = (text ?? '').trim().toLowerCase();
  if ((CABLE_TYPES as readonly string[]).includes(value)) return value as CableType;
  for (const w of words(value)) if (CABLE_TYPE_WORDS[w]) return CABLE_TYPE_WORDS[w];
  return null;
}

/** "1:8", "1/8", "8" → "1:8"; null when it is none of the known ratios. */
export function splitterRatioOf(value: unknown): SplitterRatio | null {
  const m = String(value ?? '')
    .trim()
    .match(/^(?:1\s*[:/]\s*)?(\d+)$/);
  const ratio = m ? `1:${Number(m[1])}` : '';
  return (SPLITTER_RATIOS as readonly string[]).includes(ratio) ? (ratio as SplitterRatio) : null;
}

/** "FO 24 core", "kabel 12C" → 24 / 12. */
export function coreCountFromText(text: string | null | undefined): number | null {
  const m = (text ?? '').match(/(\d{1,3})\s*(?:core|cores|c)\b/i);
  return m ? Number(m[1]) : null;
}

/** "ODP 16 port" → 16. */
export function portsFromText(text: string | null | undefined): number | null {
  const m = (text ?? '').match(/(\d{1,3})\s*(?:port|ports)\b/i);
  return m ? Number(m[1]) : null;
}

/**
 * Google Earth keeps a placemark's balloon as HTML (often in CDATA): keep the words, one
 * line per paragraph or <br>, with entities decoded. Plain text is HTML only if it has tags.
 * One blank line is kept (notes written with paragraphs read back as written); runs of them,
 * which nested <div>s produce, fold into one.
 */
export function htmlToText(value: string, isHtml = /<\/?[a-z][^>]*>/i.test(value)): string {
  if (!isHtml) return value.trim();
  return value
    .replace(/<\s*(br|\/p|\/div|\/tr|\/li|\/h\d)\b[^>]*>/gi, '\n')
    .replace(/<\/t[dh]\s*>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/gi, ' ')
    .replace(/&lt;/gi, '<')
    .replace(/&gt;/gi, '>')
    .replace(/&quot;/gi, '"')
    .replace(/&#39;|&apos;/gi, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/gi, '&')
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .filter((line, i, all) => line !== '' || (i > 0 && all[i - 1] !== ''))
    .join('\n')
    .trim();
}
