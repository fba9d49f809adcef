import type { OltVendor, OnuState } from '@/db/enums';
import type { OnuAddress } from '../types';

/**
 * What each vendor's SNMP agent says about its ONUs, where, and how to read it. Sources are
 * listed in docs/features/signal.md (the vendors' MIBs as public monitoring tools use them).
 *
 * ZTE C320 (ZXA10 V2.1 firmware, enterprise 3902.1012):
 * - zxGponOntPhaseState `1.3.6.1.4.1.3902.1012.3.28.2.1.4.<pon>.<onu>`, 0-based:
 *   logging(0) los(1) syncMib(2) working(3) dyingGasp(4) authFailed(5) offline(6).
 * - zxAnPonRxOpticalPower `1.3.6.1.4.1.3902.1012.3.50.12.1.1.10.<pon>.<onu>.1`, dBm =
 *   raw × 0.002 − 30; 65535 (and 2147483647) mean no reading.
 * - <pon> packs one-based fields: 0x10000000 | slot << 16 | port << 8 (gpon-olt_1/1/1 is
 *   268501248). The shelf is not in it: a C320 has one (the CLI's leading 1).
 *
 * Huawei MA5608T (HUAWEI-XPON-MIB, enterprise 2011.6.128):
 * - hwGponDeviceOntControlRunStatus `…2.46.1.15.<if>.<ont>`: online(1) offline(2).
 * - hwGponDeviceOntControlLastDownCause `…2.46.1.24.<if>.<ont>`: LOS(1), LOSi(2, the ONU's own
 *   loss of signal), dying-gasp(13).
 * - hwGponOntOpticalDdmRxPower `…2.51.1.4.<if>.<ont>` in 0.01 dBm; 2147483647 = no reading.
 * - <if> = 0xFA000000 + frame << 19 + slot << 13 + port << 8 (port 0/1/0 is 4194312192).
 */
export const ZTE_OIDS = {
  phaseState: '1.3.6.1.4.1.3902.1012.3.28.2.1.4',
  rxPower: '1.3.6.1.4.1.3902.1012.3.50.12.1.1.10',
} as const;

export const HUAWEI_OIDS = {
  runStatus: '1.3.6.1.4.1.2011.6.128.1.1.2.46.1.15',
  lastDownCause: '1.3.6.1.4.1.2011.6.128.1.1.2.46.1.24',
  rxPower: '1.3.6.1.4.1.2011.6.128.1.1.2.51.1.4',
} as const;

/** Raw values that mean "the OLT has no reading" rather than a power. */
const NO_READING = new Set([65535, 2147483647, -2147483648]);

export const ZTE_PHASE_STATES: Record<number, OnuState> = {
  0: 'offline', // logging: ranging, not up yet
  1: 'los',
  2: 'working', // syncMib: up, its MIB still syncing
  3: 'working',
  4: 'dying_gasp',
  5: 'offline', // authFailed
  6: 'offline',
};

export const HUAWEI_DOWN_CAUSES: Record<number, OnuState> = { 1: 'los', 2: 'los', 13: 'dying_gasp' };

const ZTE_PON_BASE = 0x10000000;
const HUAWEI_IF_BASE = 0xfa000000;

export function ztePonIndex(p: { slot: number; port: number }): number {
  return ZTE_PON_BASE + p.slot * 0x10000 + p.port * 0x100;
}

export function decodeZtePonIndex(index: number): { frame: number; slot: number; port: number } | null {
  if (index < ZTE_PON_BASE || index >= 0x20000000) return null;
  const slot = (index >>> 16) & 0xff;
  const port = (index >>> 8) & 0xff;
  if (slot === 0 || port === 0 || (index & 0xff) !== 0) return null;
  return { frame: 1, slot, port };
}

export function huaweiIfIndex(p: { frame: number; slot: number; port: number }): number {
  return HUAWEI_IF_BASE + p.frame * 2 ** 19 + p.slot * 2 ** 13 + p.port * 2 ** 8;
}

export function decodeHuaweiIfIndex(index: number): { frame: number; slot: number; port: number } | null {
  if (index < HUAWEI_IF_BASE || index > 0xffffffff) return null;
  const rest = index - HUAWEI_IF_BASE;
  if (rest % 256 !== 0) return null;
  return {
    frame: Math.floor(rest / 2 ** 19),
    slot: Math.floor(rest / 2 ** 13) % 64,
    port: Math.floor(rest / 2 ** 8) % 32,
  };
}

export function zteRxDbm(raw: number): number | null {
  if (NO_READING.has(raw) || raw < 0) return null;
  return Math.round((raw * 0.002 - 30) * 100) / 100;
}

export function huaweiRxDbm(raw: number): number | null {
  if (NO_READING.has(raw)) return null;
  return raw / 100;
}

/** The raw value an agent reports for a power (the stand-in's side of the two functions above). */
export function rawRx(vendor: OltVendor, dbm: number | null): number {
  // ZTE's scale starts at −30 dBm (raw 0): anything weaker reads as −30.
  if (vendor === 'zte') return dbm === null ? 65535 : Math.max(0, Math.round((dbm + 30) / 0.002));
  return dbm === null ? 2147483647 : Math.round(dbm * 100);
}

/** A row's index after a column OID: `<pon>.<onu>[.1]` → the ONU's address. */
export function decodeRowIndex(vendor: OltVendor, suffix: number[]): OnuAddress | null {
  const [pon, onu] = suffix;
  if (pon === undefined || onu === undefined) return null;
  const port = vendor === 'zte' ? decodeZtePonIndex(pon) : decodeHuaweiIfIndex(pon);
  return port ? { ...port, onuIndex: onu } : null;
}

/** The state of a Huawei ONT: up is up; down says why only through its last down cause. */
export function huaweiState(runStatus: number | undefined, downCause: number | undefined): OnuState {
  if (runStatus === 1) return 'working';
  if (runStatus === 2) return HUAWEI_DOWN_CAUSES[downCause ?? -1] ?? 'offline';
  return 'unknown';
}

export function zteState(phase: number | undefined): OnuState {
  return phase === undefined ? 'unknown' : (ZTE_PHASE_STATES[phase] ?? 'unknown');
}
