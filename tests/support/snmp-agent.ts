/**
 * A stand-in OLT SNMP agent for integration tests and the bench, on a loopback UDP port. It
 * answers the vendor OIDs of lib/fibre/snmp/oids.ts for N ONUs — ZTE C320 (phase state, RX
 * power rows ending in .1) or Huawei MA5608T (run status, last down cause, RX power in
 * 0.01 dBm) — with settable state and RX per ONU. The protocol is net-snmp's own agent: v2c
 * (a read community; any other community is dropped, so the client times out as with a real
 * OLT) and v3 (USM user, SHA/MD5 auth, AES/DES privacy). Its MIB tree is replaced by a sorted
 * table (see OnuTable): it cannot hold Huawei's index, and a binary search answers a
 * 4,096-ONU walk in well under a second.
 */
import dgram from 'node:dgram';
import snmp from 'net-snmp';
import type { OltVendor, OnuState } from '@/db/enums';
import { HUAWEI_OIDS, huaweiIfIndex, rawRx, ZTE_OIDS, ztePonIndex } from '@/lib/fibre/snmp/oids';
import type { OnuAddress } from '@/lib/fibre/types';

export type AgentOnu = OnuAddress & { state: OnuState; rxPowerDbm: number | null };

export type SnmpV3User = {
  name: string;
  authProtocol: 'sha' | 'md5';
  authKey: string;
  privProtocol: 'aes' | 'des';
  privKey: string;
};

export type SnmpAgentOptions = {
  vendor: OltVendor;
  /** The ONUs it knows; a number makes that many, working at −20 dBm (onusFor). */
  onus: AgentOnu[] | number;
  community?: string;
  v3?: SnmpV3User;
};

/**
 * `count` ONUs spread the way an OLT numbers them: 128 per PON port, 16 ports per board.
 * ZTE counts slots, ports and ONUs from 1; Huawei counts ports and ONTs from 0 (frame 0).
 */
export function onusFor(vendor: OltVendor, count: number, rxPowerDbm = -20): AgentOnu[] {
  return Array.from({ length: count }, (_, i) => {
    const perPort = i % 128;
    const portSeq = Math.floor(i / 128);
    const zte = vendor === 'zte';
    return {
      frame: zte ? 1 : 0,
      slot: 1 + Math.floor(portSeq / 16),
      port: (portSeq % 16) + (zte ? 1 : 0),
      onuIndex: perPort + (zte ? 1 : 0),
      state: 'working' as OnuState,
      rxPowerDbm,
    };
  });
}

const ZTE_PHASE: Record<OnuState, number> = { working: 3, los: 1, dying_gasp: 4, offline: 6, unknown: 0 };

function rowOf(vendor: OltVendor, onu: AgentOnu) {
  const pon = vendor === 'zte' ? ztePonIndex(onu) : huaweiIfIndex(onu);
  const up = onu.state === 'working';
  const rx = rawRx(vendor, up ? onu.rxPowerDbm : null);
  if (vendor === 'zte') return { index: [pon, onu.onuIndex], state: [ZTE_PHASE[onu.state]], rx };
  const cause = onu.state === 'los' ? 1 : onu.state === 'dying_gasp' ? 13 : -1;
  return { index: [pon, onu.onuIndex], state: [up ? 1 : 2, cause], rx };
}

type Cell = { oid: string; parts: number[]; value: number };

function compareOid(a: number[], b: number[]) {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/**
 * The agent's view: every cell of the vendor's ONU columns, sorted by OID, so a GetNext is a
 * binary search. net-snmp's own MIB tree refuses OID components above 2^31 − 1, and Huawei's
 * ifIndex (0xFA000000 + …) is above it: the tree is replaced, the protocol is net-snmp's.
 */
class OnuTable {
  private cells: Cell[] = [];
  private byOid = new Map<string, Cell>();
  constructor(private readonly vendor: OltVendor) {}

  private columns(onu: AgentOnu): [string, number][] {
    const r = rowOf(this.vendor, onu);
    const at = (column: string, extra: number[] = []) => [column, ...r.index, ...extra].join('.');
    if (this.vendor === 'zte')
      return [
        [at(ZTE_OIDS.phaseState), r.state[0]!],
        [at(ZTE_OIDS.rxPower, [1]), r.rx],
      ];
    return [
      [at(HUAWEI_OIDS.runStatus), r.state[0]!],
      [at(HUAWEI_OIDS.lastDownCause), r.state[1]!],
      [at(HUAWEI_OIDS.rxPower), r.rx],
    ];
  }

  load(onus: AgentOnu[]) {
    for (const onu of onus)
      for (const [oid, value] of this.columns(onu)) {
        const cell = { oid, parts: oid.split('.').map(Number), value };
        this.cells.push(cell);
        this.byOid.set(oid, cell);
      }
    this.cells.sort((a, b) => compareOid(a.parts, b.parts));
  }

  update(onu: AgentOnu) {
    for (const [oid, value] of this.columns(onu)) this.byOid.get(oid)!.value = value;
  }

  get(oid: string) {
    return this.byOid.get(oid);
  }

  /** The first cell after `oid` (GetNext), or undefined at the end of the MIB view. */
  next(oid: string) {
    const parts = oid.split('.').map(Number);
    let lo = 0;
    let hi = this.cells.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareOid(this.cells[mid]!.parts, parts) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return this.cells[lo];
  }
}

type Varbind = { oid: string; type: number; value: number | null };
const varbind = (oid: string, cell: Cell | undefined, missing: number): Varbind =>
  cell ? { oid: cell.oid, type: snmp.ObjectType.Integer, value: cell.value } : { oid, type: missing, value: null };

/** The part of net-snmp's Agent (and its incoming messages) the stand-in overrides. */
type ResponsePdu = { varbinds: Varbind[]; errorStatus: number };
type RequestMessage = {
  pdu: { varbinds: Varbind[]; nonRepeaters: number; maxRepetitions: number; getResponsePduForRequest(): ResponsePdu };
};
type Handler = (socket: unknown, message: RequestMessage, rinfo: unknown) => void;
type AgentInternals = {
  sendResponse(socket: unknown, rinfo: unknown, message: RequestMessage, pdu: ResponsePdu): void;
  getRequest: Handler;
  getNextRequest: Handler;
  getBulkRequest: Handler;
  setRequest: Handler;
};

/** Answers Get, GetNext and GetBulk from the table, through net-snmp's agent (auth, v3, BER). */
function serveFrom(agent: AgentInternals, table: OnuTable, count: () => void) {
  const respond = (socket: unknown, message: RequestMessage, rinfo: unknown, varbinds: Varbind[]) => {
    count();
    const pdu = message.pdu.getResponsePduForRequest();
    pdu.varbinds = varbinds;
    agent.sendResponse(socket, rinfo, message, pdu);
  };
  const nextOf = (oid: string) => varbind(oid, table.next(oid), snmp.ObjectType.EndOfMibView);
  agent.getRequest = (socket, message, rinfo) =>
    respond(
      socket,
      message,
      rinfo,
      message.pdu.varbinds.map((v) => varbind(v.oid, table.get(v.oid), snmp.ObjectType.NoSuchInstance)),
    );
  agent.getNextRequest = (socket, message, rinfo) =>
    respond(
      socket,
      message,
      rinfo,
      message.pdu.varbinds.map((v) => nextOf(v.oid)),
    );
  agent.getBulkRequest = (socket, message, rinfo) => {
    const { nonRepeaters, maxRepetitions } = message.pdu;
    const requested = message.pdu.varbinds;
    const out: Varbind[] = requested.slice(0, nonRepeaters).map((v) => nextOf(v.oid));
    const cursors = requested.slice(nonRepeaters).map((v) => v.oid);
    for (let r = 0; r < maxRepetitions && cursors.length > 0; r++) {
      let ended = true;
      cursors.forEach((oid, i) => {
        const vb = nextOf(oid);
        out.push(vb);
        cursors[i] = vb.oid;
        if (vb.type !== snmp.ObjectType.EndOfMibView) ended = false;
      });
      if (ended) break;
    }
    respond(socket, message, rinfo, out);
  };
  agent.setRequest = (socket, message, rinfo) => {
    const pdu = message.pdu.getResponsePduForRequest();
    pdu.errorStatus = snmp.ErrorStatus.NotWritable;
    agent.sendResponse(socket, rinfo, message, pdu);
  };
}

export type SnmpAgentStandIn = {
  host: string;
  port: number;
  community: string;
  v3?: SnmpV3User;
  /** Changes one ONU as the next poll will read it (LOS, a weaker signal, back up). */
  setOnu(
    address: Omit<OnuAddress, 'frame'> & { frame?: number },
    change: { state?: OnuState; rxPowerDbm?: number | null },
  ): void;
  /** Requests answered so far (each getBulk/get is one). */
  requests(): number;
  close(): Promise<void>;
};

export async function startSnmpAgent(options: SnmpAgentOptions): Promise<SnmpAgentStandIn> {
  const { vendor } = options;
  const community = options.community ?? 'public';
  const onus = typeof options.onus === 'number' ? onusFor(vendor, options.onus) : options.onus.map((o) => ({ ...o }));
  const port = await freeUdpPort();
  let requests = 0;
  const agent = snmp.createAgent(
    { port, address: '127.0.0.1', disableAuthorization: false },
    // A dropped request (wrong community, unknown user) lands here; the client just times out.
    () => {},
  );
  const authorizer = agent.getAuthorizer();
  authorizer.addCommunity(community);
  if (options.v3)
    authorizer.addUser({
      name: options.v3.name,
      level: snmp.SecurityLevel.authPriv,
      authProtocol: snmp.AuthProtocols[options.v3.authProtocol],
      authKey: options.v3.authKey,
      privProtocol: snmp.PrivProtocols[options.v3.privProtocol],
      privKey: options.v3.privKey,
    });
  const table = new OnuTable(vendor);
  table.load(onus);
  serveFrom(agent, table, () => requests++);
  // By slot, port and ONU index, as lib/fibre/signal matches them (one shelf per OLT).
  const same = (a: Omit<OnuAddress, 'frame'>, b: Omit<OnuAddress, 'frame'>) =>
    a.slot === b.slot && a.port === b.port && a.onuIndex === b.onuIndex;
  return {
    host: '127.0.0.1',
    port,
    community,
    v3: options.v3,
    setOnu(address, change) {
      const onu = onus.find((o) => same(o, address));
      if (!onu) throw new Error(`no ONU ${address.slot}/${address.port}:${address.onuIndex} on the stand-in`);
      if (change.state !== undefined) onu.state = change.state;
      if (change.rxPowerDbm !== undefined) onu.rxPowerDbm = change.rxPowerDbm;
      table.update(onu);
    },
    requests: () => requests,
    close: () => new Promise<void>((resolve) => agent.close(() => resolve())),
  };
}

/** A loopback UDP port nothing listens on (an OLT that is down or unreachable). */
export function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = dgram.createSocket('udp4');
    s.once('error', reject);
    s.bind(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}
