/** Shared by schema, logic and client components (no database imports here). */
export {
  CABLE_TYPES,
  type CablePath,
  type CableType,
  SITE_KINDS,
  type SiteKind,
  SPLITTER_RATIOS,
  type SplitterRatio,
} from '@/db/enums';
