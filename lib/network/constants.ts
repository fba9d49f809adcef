/** Shared by schema, logic and client components (no database imports here). */

/** How a router enforces customers: PPP secrets / hotspot users over the API, or RADIUS. */
export const ROUTER_MODES = ['api', 'radius'] as const;
export type RouterMode = (typeof ROUTER_MODES)[number];

export const ROUTER_STATUSES = ['unknown', 'online', 'offline'] as const;
export type RouterStatus = (typeof ROUTER_STATUSES)[number];

export const SESSION_KINDS = ['pppoe', 'hotspot'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

/** Why a router call failed, in words an operator can act on (messages `routers.errors.*`). */
export const ROUTER_ERROR_KINDS = ['refused', 'timeout', 'bad_login', 'tls', 'unreachable', 'closed', 'trap', 'unknown'] as const;
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
