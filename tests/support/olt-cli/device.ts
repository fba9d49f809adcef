import type { OltVendor, OnuState } from '@/db/enums';

/**
 * The state of one stand-in OLT, shared by every session to it: the ONUs registered by
 * commands, the ones waiting unconfigured, optical levels per ONU (the test sets them), the
 * firmware variant whose output layout it prints, faults on demand, and every line a
 * session typed (what a preview is compared with).
 */
export type StandInOnu = {
  frame: number;
  slot: number;
  port: number;
  onuIndex: number;
  serial: string;
  type: string;
  name: string;
  state: OnuState;
  rxPowerDbm: number;
  txPowerDbm: number;
  oltRxPowerDbm: number;
  servicePorts: number[];
  vlan: number | null;
  reboots: number;
};

export type Waiting = { frame: number; slot: number; port: number; serial: string; model: string };

export type ZteFirmware = 'V1.2' | 'V2.1';
export type HuaweiFirmware = 'R013' | 'R018';

export type Faults = {
  /** Every login is refused (wrong password as the OLT sees it). */
  refuseLogin?: boolean;
  /** The password typed at login is echoed (a misconfigured terminal does that). */
  echoPassword?: boolean;
  /** A command matching this gets its echo and then nothing (the session's timeout). */
  hangOn?: RegExp | null;
  /** A command matching this drops the connection after its echo. */
  dropOn?: RegExp | null;
};

export class StandInOlt {
  readonly onus = new Map<string, StandInOnu>();
  readonly waiting: Waiting[] = [];
  readonly received: string[] = [];
  faults: Faults = {};
  logins = 0;
  /** Connections open now. */
  connections = 0;
  /** Huawei line profiles that exist (others: Failure: The line profile does not exist). */
  lineProfiles = new Set(['10', '20']);
  private nextServicePort = 100;

  constructor(
    readonly vendor: OltVendor,
    readonly firmware: ZteFirmware | HuaweiFirmware,
    readonly hostname: string,
  ) {}

  key(a: { frame: number; slot: number; port: number; onuIndex: number }) {
    return `${a.frame}/${a.slot}/${a.port}:${a.onuIndex}`;
  }

  /** PON slots with GPON boards: ZTE 1/1 and 1/2 (8 and 16 ports), Huawei 0/1 (16 ports). */
  portExists(frame: number, slot: number, port: number) {
    if (this.vendor === 'zte')
      return frame === 1 && ((slot === 1 && port >= 1 && port <= 8) || (slot === 2 && port >= 1 && port <= 16));
    return frame === 0 && slot === 1 && port >= 0 && port <= 15;
  }

  /** An ONU plugged in but not registered: it shows in uncfg / autofind. */
  plugIn(w: Waiting) {
    this.waiting.push({ ...w, serial: w.serial.toUpperCase() });
  }

  findBySerial(serial: string) {
    return [...this.onus.values()].find((o) => o.serial === serial.toUpperCase());
  }

  /** Registers an ONU: it leaves the waiting list and comes up when it was plugged in. */
  add(
    o: Omit<StandInOnu, 'state' | 'rxPowerDbm' | 'txPowerDbm' | 'oltRxPowerDbm' | 'servicePorts' | 'vlan' | 'reboots'>,
  ) {
    const i = this.waiting.findIndex((w) => w.serial === o.serial.toUpperCase());
    const plugged = i >= 0;
    if (plugged) this.waiting.splice(i, 1);
    const onu: StandInOnu = {
      ...o,
      serial: o.serial.toUpperCase(),
      state: plugged ? 'working' : 'offline',
      rxPowerDbm: -19.5,
      txPowerDbm: 2.3,
      oltRxPowerDbm: -22.1,
      servicePorts: [],
      vlan: null,
      reboots: 0,
    };
    this.onus.set(this.key(onu), onu);
    return onu;
  }

  /** The test sets an ONU's state and levels. */
  setOnu(serial: string, values: Partial<Pick<StandInOnu, 'state' | 'rxPowerDbm' | 'txPowerDbm' | 'oltRxPowerDbm'>>) {
    const onu = this.findBySerial(serial);
    if (!onu) throw new Error(`no ONU ${serial} on the stand-in`);
    Object.assign(onu, values);
  }

  allocateServicePort() {
    this.nextServicePort += 1;
    return this.nextServicePort;
  }

  /** Lines typed after `mark` (a test takes `received.length` before an operation). */
  since(mark: number) {
    return this.received.slice(mark);
  }
}
