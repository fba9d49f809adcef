import snmp from 'net-snmp';
import type { OltVendor } from '@/db/enums';
import type { PolledOnu } from '../types';
import { decodeRowIndex, HUAWEI_OIDS, huaweiRxDbm, huaweiState, ZTE_OIDS, zteRxDbm, zteState } from './oids';

/** Where and how to reach an OLT's agent, secrets already decrypted (only ever in the worker). */
export type SnmpTarget = {
  host: string;
  port: number;
  vendor: OltVendor;
  timeoutMs?: number;
  retries?: number;
} & (
  | { version: '2c'; community: string }
  | {
      version: '3';
      user: string;
      authProtocol: 'sha' | 'md5';
      authKey: string;
      privProtocol: 'aes' | 'des' | null;
      privKey: string | null;
    }
);

/** Why a walk failed, for the OLT's "last poll" line (lib/fibre/snmp/poll.ts words it). */
export type SnmpFailure = 'timeout' | 'refused' | 'auth' | 'protocol' | 'not_allowed';

export class SnmpError extends Error {
  constructor(
    readonly kind: SnmpFailure,
    message: string,
  ) {
    super(message);
    this.name = 'SnmpError';
  }
}

// Rows per getBulk: 4,096 ONUs × 2 columns in ~160 round trips while a response stays
// under a UDP datagram most agents accept (~50 varbinds × ~30 bytes).
const MAX_REPETITIONS = 50;

function openSession(t: SnmpTarget) {
  const options = { port: t.port, timeout: t.timeoutMs ?? 3000, retries: t.retries ?? 1, idBitsSize: 32 as const };
  if (t.version === '2c') return snmp.createSession(t.host, t.community, { ...options, version: snmp.Version2c });
  const level = t.privProtocol ? snmp.SecurityLevel.authPriv : snmp.SecurityLevel.authNoPriv;
  return snmp.createV3Session(
    t.host,
    {
      name: t.user,
      level,
      authProtocol: snmp.AuthProtocols[t.authProtocol],
      authKey: t.authKey,
      ...(t.privProtocol ? { privProtocol: snmp.PrivProtocols[t.privProtocol], privKey: t.privKey ?? '' } : {}),
    },
    options,
  );
}

function classify(error: unknown): SnmpError {
  const e = error as { name?: string; message?: string; code?: string };
  const message = e?.message ?? String(error);
  if (e?.name === 'RequestTimedOutError') return new SnmpError('timeout', message);
  if (e?.code === 'ECONNREFUSED') return new SnmpError('refused', message);
  if (/auth|decrypt|usm|engine|unknown user|wrong digest/i.test(message)) return new SnmpError('auth', message);
  return new SnmpError('protocol', message);
}

/** One column's rows as `<index suffix> → integer`, walked with getBulk. */
function walkColumn(session: snmp.Session, oid: string): Promise<Map<string, number>> {
  const prefix = `${oid}.`;
  const rows = new Map<string, number>();
  return new Promise((resolve, reject) => {
    session.subtree(
      oid,
      MAX_REPETITIONS,
      (varbinds: snmp.Varbind[]) => {
        for (const vb of varbinds) {
          if (snmp.isVarbindError(vb) || !vb.oid.startsWith(prefix)) continue;
          rows.set(vb.oid.slice(prefix.length), Number(vb.value));
        }
      },
      (error: Error | null) => (error ? reject(classify(error)) : resolve(rows)),
    );
  });
}

const suffixParts = (suffix: string) => suffix.split('.').map(Number);

/**
 * Every ONU the OLT's agent knows, with its state and RX power (dBm, null when it is down or
 * the OLT has no reading). The state and power columns are walked side by side; rows are
 * joined on their ONU index (ZTE's power rows carry a trailing `.1`).
 */
export async function walkOnus(t: SnmpTarget): Promise<PolledOnu[]> {
  const session = openSession(t);
  session.on('error', () => {});
  try {
    return t.vendor === 'zte' ? await walkZte(session) : await walkHuawei(session);
  } finally {
    session.close();
  }
}

async function walkZte(session: snmp.Session): Promise<PolledOnu[]> {
  const [phase, rx] = await Promise.all([
    walkColumn(session, ZTE_OIDS.phaseState),
    walkColumn(session, ZTE_OIDS.rxPower),
  ]);
  const power = new Map<string, number>();
  for (const [suffix, raw] of rx) power.set(suffixParts(suffix).slice(0, 2).join('.'), raw);
  const out: PolledOnu[] = [];
  for (const [suffix, value] of phase) {
    const address = decodeRowIndex('zte', suffixParts(suffix));
    if (!address) continue;
    const state = zteState(value);
    const raw = power.get(suffix);
    out.push({ ...address, state, rxPowerDbm: state === 'working' && raw !== undefined ? zteRxDbm(raw) : null });
  }
  return out;
}

async function walkHuawei(session: snmp.Session): Promise<PolledOnu[]> {
  const [run, cause, rx] = await Promise.all([
    walkColumn(session, HUAWEI_OIDS.runStatus),
    walkColumn(session, HUAWEI_OIDS.lastDownCause),
    walkColumn(session, HUAWEI_OIDS.rxPower),
  ]);
  const out: PolledOnu[] = [];
  for (const [suffix, value] of run) {
    const address = decodeRowIndex('huawei', suffixParts(suffix));
    if (!address) continue;
    const state = huaweiState(value, cause.get(suffix));
    const raw = rx.get(suffix);
    out.push({ ...address, state, rxPowerDbm: state === 'working' && raw !== undefined ? huaweiRxDbm(raw) : null });
  }
  return out;
}
