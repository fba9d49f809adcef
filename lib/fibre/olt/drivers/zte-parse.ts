import type { OnuState } from '@/db/enums';
import type { OltInfo, PonAddress, UnconfiguredOnu } from '../../types';

/**
 * Parsers of ZTE C300/C320 output (ZXAN). Column layouts differ by firmware, so rows are
 * read by their tokens, not by fixed columns.
 */

const ADDRESS = /gpon-(?:olt|onu)_(\d+)\/(\d+)\/(\d+)(?::(\d+))?/;

/**
 * `show gpon onu uncfg`. V1.2 lists `OnuIndex  Sn  State` (`gpon-onu_1/2/1:1  ZTEGC8A1B2C3
 * unknown`); V2.1 lists `OltIndex  Model  SN  PW` (`gpon-olt_1/2/1  F670L  ZTEGC8A1B2C3  N/A`).
 */
export function parseZteUncfg(output: string): UnconfiguredOnu[] {
  const header = output.split('\n').find((l) => /\b(?:OnuIndex|OltIndex)\b/.test(l)) ?? '';
  const hasModel = /\bModel\b/.test(header);
  const found: UnconfiguredOnu[] = [];
  for (const line of output.split('\n')) {
    const m = ADDRESS.exec(line);
    if (!m || line.trimStart().indexOf('gpon-') !== 0) continue;
    const tokens = line.trim().split(/\s+/);
    const serial = tokens.find((t, i) => i > 0 && /^[A-Z0-9]{4}[0-9A-F]{8}$/i.test(t));
    if (!serial) continue;
    const model = hasModel ? (tokens[1] ?? null) : null;
    found.push({
      frame: Number(m[1]),
      slot: Number(m[2]),
      port: Number(m[3]),
      serial: serial.toUpperCase(),
      model: model && model !== serial && model !== 'N/A' ? model : null,
    });
  }
  return found;
}

const PHASES: Record<string, OnuState> = {
  working: 'working',
  los: 'los',
  dyinggasp: 'dying_gasp',
  offline: 'offline',
};
const PHASE_WORDS = /^(working|los|dyinggasp|offline|logging|syncmib|authfailed|ranging|unknown)$/i;

/**
 * `show gpon onu state gpon-olt_1/2/1`: the phase state of each ONU on the port. V1.2 rows
 * are `gpon-onu_1/2/1:3  enable  enable  operation  working`; V2.1 rows are
 * `1/2/1:3  enable  enable  working  1(GPON)`.
 */
export function parseZteStates(output: string): Map<number, OnuState> {
  const states = new Map<number, OnuState>();
  for (const line of output.split('\n')) {
    const m = /^\s*(?:gpon-onu_)?\d+\/\d+\/\d+:(\d+)\s+(.*)$/.exec(line);
    if (!m) continue;
    const phase = m[2]!.split(/\s+/).find((t) => PHASE_WORDS.test(t));
    if (!phase) continue;
    states.set(Number(m[1]), PHASES[phase.toLowerCase()] ?? 'unknown');
  }
  return states;
}

const DBM = /(-?\d+(?:\.\d+)?)\s*\(dbm\)/i;

/**
 * `show pon power attenuation gpon-onu_1/2/1:3`: the `up` row has the OLT's Rx and the ONU's
 * Tx, the `down` row the OLT's Tx and the ONU's Rx. `N/A` when the ONU is not up.
 */
export function parseZteAttenuation(output: string) {
  const up = output.split('\n').find((l) => /^\s*up\b/i.test(l)) ?? '';
  const down = output.split('\n').find((l) => /^\s*down\b/i.test(l)) ?? '';
  const value = (line: string, side: 'Rx' | 'Tx') => {
    const part = new RegExp(`${side}\\s*:\\s*(-?\\d+(?:\\.\\d+)?\\s*\\(dbm\\)|N/A)`, 'i').exec(line);
    const m = part ? DBM.exec(part[1]!) : null;
    return m ? Number(m[1]) : null;
  };
  // Each row reads the OLT's side first, then the ONU's.
  const sides = (line: string) => {
    const [olt, onu] = splitTwo(line);
    return { olt, onu };
  };
  const u = sides(up);
  const d = sides(down);
  return {
    oltRxPowerDbm: value(u.olt, 'Rx'),
    txPowerDbm: value(u.onu, 'Tx'),
    rxPowerDbm: value(d.onu, 'Rx'),
  };
}

function splitTwo(line: string): [string, string] {
  const first = /(?:Rx|Tx)\s*:/i.exec(line);
  if (!first) return ['', ''];
  const rest = line.slice(first.index + first[0].length);
  const second = /(?:Rx|Tx)\s*:/i.exec(rest);
  if (!second) return [line, ''];
  const cut = first.index + first[0].length + second.index;
  return [line.slice(0, cut), line.slice(cut)];
}

/**
 * `show card`: the control card's type names the model (SMXA: C320; SCXN/SCXM/SCTM: C300)
 * and its SoftVer the firmware; GPON line cards (GTGO 8 ports, GTGH 16, …) give the PON ports.
 */
export function parseZteCards(output: string): OltInfo {
  let model: string | null = null;
  let firmware: string | null = null;
  const ponPorts: PonAddress[] = [];
  for (const line of output.split('\n')) {
    const t = line.trim().split(/\s+/);
    if (t.length < 6 || !/^\d+$/.test(t[0]!) || !/^\d+$/.test(t[2]!)) continue;
    // Rack Shelf Slot CfgType RealType Port HardVer SoftVer Status
    const [, shelf, slot, cfgType, , portCount, , softVer] = t;
    const soft = softVer && /^V\d/.test(softVer) ? softVer : null;
    if (/^SMX/i.test(cfgType!)) {
      model ??= 'ZXA10 C320';
      firmware ??= soft;
    } else if (/^SC[XT]/i.test(cfgType!)) {
      model ??= 'ZXA10 C300';
      firmware ??= soft;
    } else if (/^(GT|GP)/i.test(cfgType!) && /^\d+$/.test(portCount!)) {
      for (let p = 1; p <= Number(portCount); p++) ponPorts.push({ frame: Number(shelf), slot: Number(slot), port: p });
    }
  }
  return { model, firmware, ponPorts };
}
