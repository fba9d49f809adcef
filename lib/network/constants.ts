/** Shared by schema, logic and client components (no database imports here). */

/** How a router enforces customers: PPP secrets / hotspot users over the API, or RADIUS. */
export const ROUTER_MODES = ['api', 'radius'] as const;
export type RouterMode = (typeof ROUTER_MODES)[number];

export const ROUTER_STATUSES = ['unknown', 'online', 'offline'] as const;
export type RouterStatus = (typeof ROUTER_STATUSES)[number];

export const SESSION_KINDS = ['pppoe', 'hotspot'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

/** Why a router call failed, in words an operator can act on (messages `routers.errors.*`). */
export const ROUTER_ERROR_KINDS = ['refused', 'timeout', 'bad_login', 'tls', 'unreachable', 'closed', 'trap', 'not_allowed', 'unknown'] as const;
export type RouterErrorKind = (typeof ROUTER_ERROR_KINDS)[number];

/** What "Test connection" and the status monitor read off a router. */
export type RouterSnapshot = {
  identity: string;
  version: string;
  board: string;
  architecture?: string;
  uptime: string;
  cpuLoad: number;
  freeMemory: number;
  totalMemory: number;
  pppActive: number;
  hotspotActive: number;
  interfaces: { name: string; type: string; running: boolean; rxByte: number; txByte: number; rxBps?: number; txBps?: number }[];
  checkedAt: string;
};

/** Infrastructure on the map besides ODPs: points of presence, OLTs, ODC cabinets and poles. */
export const SITE_KINDS = ['pop', 'olt', 'odc', 'pole'] as const;
export type SiteKind = (typeof SITE_KINDS)[number];

export const CABLE_TYPES = ['feeder', 'distribution', 'drop', 'backbone'] as const;
export type CableType = (typeof CABLE_TYPES)[number];

export const SPLITTER_RATIOS = ['1:2', '1:4', '1:8', '1:16', '1:32'] as const;
export type SplitterRatio = (typeof SPLITTER_RATIOS)[number];

/** A cable's route as Leaflet draws it: [latitude, longitude] pairs, at least two. */
export type CablePath = [number, number][];
