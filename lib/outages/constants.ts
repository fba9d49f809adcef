import type { OutageStatus } from '@/db/enums';

export type { OutageElementType, OutageSource, OutageStatus } from '@/db/enums';
export { OUTAGE_ELEMENT_TYPES, OUTAGE_SOURCES, OUTAGE_STATUSES } from '@/db/enums';

/** Outages that are still happening: detection never proposes one twice, complaints join them. */
export const CURRENT_STATUSES: OutageStatus[] = ['proposed', 'open'];

/**
 * Detection: several customers behind one element going offline within a few minutes looks
 * like the element, not like people switching their modems off. A minimum count and a share
 * of the element's active customers keep one unplugged modem from paging the NOC.
 */
export const DETECTION = {
  windowMinutes: 5,
  odp: { minOffline: 3, minShare: 0.5 },
  router: { minOffline: 5, minShare: 0.3 },
  // RADIUS stop causes a customer (or the billing system) caused: not a sign of a fault.
  ignoredRadiusCauses: ['User-Request', 'Admin-Reset', 'Session-Timeout', 'Idle-Timeout'],
  keepDropsHours: 24,
  // After NOC dismisses or resolves an element's outage, detection leaves it alone this long.
  quietMinutes: 60,
  // The router monitor writes session drops in the same minute detection runs: a drop younger
  // than this may be a reconnect the next snapshot shows back; it counts once it has lasted.
  dropSettleMinutes: 2,
  // A router the monitor cannot reach: only a connection failure counts (a wrong password or
  // a certificate problem after a change is the operator's, not the customers' outage), and
  // only once it has lasted. The monitor checks every minute.
  // ONUs the OLT's SNMP poll saw go LOS (lib/outages/onu-detection.ts): by PON port (a cut
  // before the splitters) and by ODP. Polls are minutes apart, so the window is wider.
  onuLos: {
    windowMinutes: 15,
    pon_port: { minOffline: 4, minShare: 0.5 },
    odp: { minOffline: 3, minShare: 0.5 },
  },
  routerOffline: {
    minMinutes: 5,
    checkMinutes: 1,
    errorKinds: ['refused', 'timeout', 'unreachable', 'closed'],
  },
} as const;
