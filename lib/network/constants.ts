/** Shared by schema, logic and client components (no database imports here). */
export {
  ROUTER_MODES,
  ROUTER_STATUSES,
  type RouterMode,
  type RouterSnapshot,
  type RouterStatus,
  SESSION_KINDS,
  type SessionKind,
} from '@/db/enums';

/** Why a router call failed, in words an operator can act on (messages `routers.errors.*`). */
export const ROUTER_ERROR_KINDS = [
  'refused',
  'timeout',
  'bad_login',
  'tls',
  'unreachable',
  'closed',
  'trap',
  'not_allowed',
  'unknown',
] as const;
export type RouterErrorKind = (typeof ROUTER_ERROR_KINDS)[number];
