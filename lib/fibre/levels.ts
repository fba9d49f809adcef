import type { OnuState, SignalLevel } from '@/db/enums';

export type SignalThresholds = { warningDbm: number; criticalDbm: number };

/** The defaults an organization starts with (organizations.onu_warning_dbm / onu_critical_dbm). */
export const DEFAULT_THRESHOLDS: SignalThresholds = { warningDbm: -25, criticalDbm: -27 };

/**
 * A received power against the thresholds: at or below critical is critical, at or below
 * warning is warning. No reading (the ONU is down) has no level: its state says why.
 */
export function signalLevel(rxPowerDbm: number | null | undefined, t: SignalThresholds): SignalLevel | null {
  if (rxPowerDbm === null || rxPowerDbm === undefined || !Number.isFinite(rxPowerDbm)) return null;
  if (rxPowerDbm <= t.criticalDbm) return 'critical';
  if (rxPowerDbm <= t.warningDbm) return 'warning';
  return 'ok';
}

/** States that mean the customer has no light or no power: counted for fibre-cut detection. */
export const DOWN_STATES: readonly OnuState[] = ['los', 'dying_gasp', 'offline'];
