import type { OnuState } from '@/db/enums';
import type { PonAddress, UnconfiguredOnu } from '../../types';

/**
 * Parsers of Huawei SmartAX (MA5608T, MA5683T, MA5800) output. Fields are `Name : value`
 * blocks whose spacing changes between versions (`Rx optical power(dBm)` on V800R013,
 * `Rx optical power (dBm)` on later firmware), so names are matched with spaces optional.
 */

function field(block: string, name: RegExp): string | null {
  for (const line of block.split('\n')) {
    const m = /^\s*([^:]+?)\s*:\s?(.*)$/.exec(line);
    if (m && name.test(m[1]!.replace(/\s+/g, ' '))) return m[2]!.trim();
  }
  return null;
}

/**
 * A Huawei serial as its vendor writes it: `48575443A1B2C3D4 (HWTC-A1B2C3D4)` or the bare
 * 16-hex form become `HWTCA1B2C3D4` (the vendor id's four letters, then eight hex digits).
 */
export function normalizeHuaweiSerial(text: string): string {
  const shown = /\(([A-Z0-9]{4})-?([0-9A-F]{8})\)/i.exec(text);
  if (shown) return (shown[1]! + shown[2]!).toUpperCase();
  const hex = /\b([0-9A-F]{8})([0-9A-F]{8})\b/i.exec(text);
  if (hex) return Buffer.from(hex[1]!, 'hex').toString('latin1').toUpperCase() + hex[2]!.toUpperCase();
  return text.trim().replace(/-/g, '').toUpperCase();
}

/** The 16-hex form `ont add … sn-auth` takes: HWTCA1B2C3D4 → 48575443A1B2C3D4. */
export function huaweiSerialHex(serial: string): string {
  if (/^[0-9A-F]{16}$/i.test(serial)) return serial.toUpperCase();
  return Buffer.from(serial.slice(0, 4), 'latin1').toString('hex').toUpperCase() + serial.slice(4).toUpperCase();
}

/**
 * `display ont autofind all`: one block per ONT, split by dashed lines. Newer firmware adds
 * `Ont EquipmentID : HG8245H5` (the model); older shows only `VendorID` and `Ont Version`.
 */
export function parseHuaweiAutofind(output: string): UnconfiguredOnu[] {
  const found: UnconfiguredOnu[] = [];
  for (const block of output.split(/^\s*-{10,}\s*$/m)) {
    const fsp = field(block, /^F\/S\/P$/i);
    const sn = field(block, /^Ont SN$/i);
    if (!fsp || !sn) continue;
    const [frame, slot, port] = fsp.split('/').map((x) => Number(x.trim()));
    const equipment = field(block, /^Ont EquipmentID$/i);
    const model = equipment && equipment !== '-' ? equipment : null;
    found.push({ frame: frame!, slot: slot!, port: port!, serial: normalizeHuaweiSerial(sn), model });
  }
  return found;
}

const dbm = (v: string | null) => {
  const m = v ? /^(-?\d+(?:\.\d+)?)/.exec(v) : null;
  return m ? Number(m[1]) : null;
};

/** `display ont optical-info P N`: the ONU's Rx and Tx and the OLT's Rx from it. */
export function parseHuaweiOptics(output: string) {
  return {
    rxPowerDbm: dbm(field(output, /^Rx optical power ?\(dBm\)$/i)),
    txPowerDbm: dbm(field(output, /^Tx optical power ?\(dBm\)$/i)),
    oltRxPowerDbm: dbm(field(output, /^OLT Rx ONT optical power ?\(dBm\)$/i)),
  };
}

/**
 * `display ont info P N`: `Run state : online` is working; offline, the `Last down cause`
 * says why (LOS/LOSi/LOFi: no light; dying-gasp: power lost at the customer).
 */
export function parseHuaweiOntState(output: string): OnuState {
  const run = field(output, /^Run state$/i)?.toLowerCase();
  if (run === 'online') return 'working';
  if (run !== 'offline') return 'unknown';
  const cause = field(output, /^Last down cause$/i)?.toLowerCase() ?? '';
  if (/dying.?gasp/.test(cause)) return 'dying_gasp';
  if (/^(los|losi|lofi|lobi|loami)/.test(cause)) return 'los';
  return 'offline';
}

/** `display version`: `PRODUCT : MA5608T`, `VERSION : MA5600V800R018C10`. */
export function parseHuaweiVersion(output: string) {
  return { model: field(output, /^PRODUCT$/i), firmware: field(output, /^VERSION$/i) };
}

// GPON boards and their port counts (GPBD/GPBH: 8; GPFD, GPHF, GPUF, GPSF: 16).
const GPON_BOARD = /(GP[A-Z]{2})/;
const EIGHT_PORTS = /GPB[DHB]/;

/** `display board 0`: `SlotID BoardName Status …`; every GPON board's ports (frame 0, 0-based). */
export function parseHuaweiBoards(output: string): PonAddress[] {
  const ports: PonAddress[] = [];
  for (const line of output.split('\n')) {
    const m = /^\s*(\d+)\s+(H\d{3}\w+|\w+)\s+(\S+)/.exec(line);
    if (!m) continue;
    const board = GPON_BOARD.exec(m[2]!);
    if (!board || /^Failed|^Offline/i.test(m[3]!)) continue;
    const count = EIGHT_PORTS.test(board[1]!) ? 8 : 16;
    for (let p = 0; p < count; p++) ports.push({ frame: 0, slot: Number(m[1]), port: p });
  }
  return ports;
}

/** `display service-port port F/S/P ont N`: the service port indexes (the table's first column). */
export function parseHuaweiServicePorts(output: string): number[] {
  const indexes: number[] = [];
  for (const line of output.split('\n')) {
    const m = /^\s*(\d+)\s+\d+\s+\S+\s+gpon\b/i.exec(line);
    if (m) indexes.push(Number(m[1]));
  }
  return indexes;
}
