/**
 * Runs FreeRADIUS's `radclient` (freeradius-utils) and parses what it printed: one reply code
 * and the reply attributes per packet. Packets go in a file, separated by blank lines; `-F`
 * makes radclient say which packet (by position in the file) each reply belongs to, so
 * parallel sends (-p) still come back in order.
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const RADCLIENT_BIN = process.env.RADCLIENT_PATH ?? '/usr/bin/radclient';

export type RadiusAttributes = Record<string, string | number>;

export type RadclientArgs = {
  port: number;
  secret: string;
  kind: 'auth' | 'acct' | 'status' | 'coa' | 'disconnect';
  attributes: RadiusAttributes[];
  host?: string;
  /** Packets in flight at once (-p). */
  parallel?: number;
  /** Times each packet is sent (-c). */
  count?: number;
  /** Per-packet timeout in seconds (-t) and retries (-r). */
  timeout?: number;
  retries?: number;
  /** Only the summary (-q -s): for benchmarks, where printing every reply would cost more than sending it. */
  summaryOnly?: boolean;
};

export type RadclientResult = {
  /** The first packet's reply: Access-Accept, Access-Reject, Accounting-Response, … ('none' if lost). */
  code: string;
  /** Reply code per packet (in file order). */
  codes: string[];
  /** Reply attributes per packet, values unquoted; a repeated attribute's values joined by ", ". */
  attributes: Record<string, string>[];
  /** radclient -s counts (summaryOnly, or always when printed). */
  summary: { accepted: number; rejected: number; lost: number } | null;
  seconds: number;
  raw: string;
};

/** A packet as radclient's input: one `Attribute = value` per line; strings quoted. */
export function formatPacket(attrs: RadiusAttributes): string {
  return Object.entries(attrs)
    .map(
      ([name, value]) =>
        `${name} = ${typeof value === 'number' ? value : `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`}`,
    )
    .join('\n');
}

export async function radclient(args: RadclientArgs): Promise<RadclientResult> {
  if (args.attributes.length === 0) throw new Error('radclient: no packets');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'jaring-radclient-'));
  const file = path.join(dir, 'packets');
  writeFileSync(file, `${args.attributes.map(formatPacket).join('\n\n')}\n`);
  const argv = [
    ...(args.summaryOnly ? ['-q', '-s'] : ['-x', '-F', '-s']),
    '-f',
    file,
    '-t',
    String(args.timeout ?? 3),
    '-r',
    String(args.retries ?? 1),
    ...(args.parallel ? ['-p', String(args.parallel)] : []),
    ...(args.count ? ['-c', String(args.count)] : []),
    `${args.host ?? '127.0.0.1'}:${args.port}`,
    args.kind,
    args.secret,
  ];
  const started = performance.now();
  try {
    const { stdout, stderr, status } = await run(RADCLIENT_BIN, argv);
    const seconds = (performance.now() - started) / 1000;
    const raw = stderr ? `${stdout}\n${stderr}` : stdout;
    // radclient exits 1 when any reply was not the "expected" one (a reject): only a
    // failure when nothing parseable came back. Its stderr lines would interleave with
    // stdout mid-line, so only stdout is parsed.
    const parsed = parseOutput(stdout, args.attributes.length);
    if (status !== 0 && !parsed.summary) throw new Error(`radclient exited ${status}:\n${raw}`);
    return { ...parsed, code: parsed.codes[0] ?? 'none', seconds, raw };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function run(bin: string, argv: string[]): Promise<{ stdout: string; stderr: string; status: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.once('error', reject);
    child.once('close', (status) => resolve({ stdout, stderr, status }));
  });
}

function unquote(value: string): string {
  const m = /^"(.*)"$/.exec(value);
  return m ? m[1]!.replace(/\\(.)/g, '$1') : value;
}

export function parseOutput(raw: string, packets: number) {
  const codes: string[] = Array.from({ length: packets }, () => 'none');
  const attributes: Record<string, string>[] = Array.from({ length: packets }, () => ({}));
  let packet: number | null = null; // the packet whose reply is being read
  let inReply = false;
  for (const line of raw.split('\n')) {
    const which = /^\((\d+)\) .* response code \d+/.exec(line);
    if (which) {
      packet = Number(which[1]);
      inReply = false;
      continue;
    }
    const received = /^Received (\S+) Id /.exec(line);
    if (received) {
      inReply = packet !== null && packet < packets;
      if (inReply) codes[packet!] = received[1]!;
      continue;
    }
    const attr = /^\t(\S+) = (.*)$/.exec(line);
    if (attr && inReply) {
      const into = attributes[packet!]!;
      const value = unquote(attr[2]!);
      into[attr[1]!] = attr[1]! in into ? `${into[attr[1]!]}, ${value}` : value;
      continue;
    }
    // A "Sent …" block or anything else ends the reply being read.
    inReply = false;
  }
  const count = (label: string) => Number(new RegExp(`^\\s*${label}\\s*:\\s*(\\d+)`, 'm').exec(raw)?.[1] ?? NaN);
  const summary = /Packet summary/.test(raw)
    ? { accepted: count('Accepted'), rejected: count('Rejected'), lost: count('Lost') }
    : null;
  return { codes, attributes, summary };
}

/**
 * One PAP Access-Request sent from a chosen source address. radclient always sends from
 * 127.0.0.1; binding another loopback address (all of 127/8 is local on Linux) lets a test
 * be "the router" whose `nas` row FreeRADIUS loaded, with that row's secret.
 */
export async function accessRequestFrom(p: {
  source: string;
  port: number;
  secret: string;
  userName: string;
  password: string;
  host?: string;
  timeoutMs?: number;
}): Promise<{ code: 'Access-Accept' | 'Access-Reject' | 'Access-Challenge' | 'timeout'; verified: boolean }> {
  const auth = randomBytes(16);
  const id = auth[0]!;
  const attr = (type: number, value: Buffer) => Buffer.concat([Buffer.from([type, value.length + 2]), value]);
  const attrs = Buffer.concat([
    attr(1, Buffer.from(p.userName)),
    attr(2, hidePassword(p.password, p.secret, auth)),
    attr(4, Buffer.from(p.source.split('.').map(Number))),
  ]);
  const packet = Buffer.concat([Buffer.from([1, id]), u16(20 + attrs.length), auth, attrs]);
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, p.source, () => resolve());
  });
  try {
    const reply = await new Promise<Buffer | null>((resolve) => {
      const timer = setTimeout(() => resolve(null), p.timeoutMs ?? 2000);
      socket.on('message', (msg) => {
        if (msg[1] !== id) return;
        clearTimeout(timer);
        resolve(msg);
      });
      socket.send(packet, p.port, p.host ?? '127.0.0.1');
    });
    if (!reply) return { code: 'timeout', verified: false };
    const expected = createHash('md5')
      .update(Buffer.concat([reply.subarray(0, 4), auth, reply.subarray(20), Buffer.from(p.secret)]))
      .digest();
    const code = ({ 2: 'Access-Accept', 3: 'Access-Reject', 11: 'Access-Challenge' } as const)[reply[0]!] ?? 'timeout';
    return { code, verified: expected.equals(reply.subarray(4, 20)) };
  } finally {
    socket.close();
  }
}

const u16 = (n: number) => Buffer.from([n >> 8, n & 0xff]);

/** RFC 2865 §5.2: the password, padded to 16 bytes, XORed with a chain of MD5s. */
function hidePassword(password: string, secret: string, authenticator: Buffer): Buffer {
  const plain = Buffer.alloc(Math.max(16, Math.ceil(Buffer.byteLength(password) / 16) * 16));
  plain.write(password);
  const out = Buffer.alloc(plain.length);
  let prev = authenticator;
  for (let i = 0; i < plain.length; i += 16) {
    const key = createHash('md5')
      .update(Buffer.concat([Buffer.from(secret), prev]))
      .digest();
    for (let j = 0; j < 16; j++) out[i + j] = plain[i + j]! ^ key[j]!;
    prev = out.subarray(i, i + 16);
  }
  return out;
}

/** RFC 2866 attribute numbers (and RFC 2865 ones accounting uses) for accountingRequestFrom. */
const ACCT_ATTRS: Record<string, { type: number; kind: 'string' | 'int' | 'ipv4' }> = {
  'User-Name': { type: 1, kind: 'string' },
  'NAS-IP-Address': { type: 4, kind: 'ipv4' },
  'Framed-IP-Address': { type: 8, kind: 'ipv4' },
  'Calling-Station-Id': { type: 31, kind: 'string' },
  'Acct-Status-Type': { type: 40, kind: 'int' },
  'Acct-Input-Octets': { type: 42, kind: 'int' },
  'Acct-Output-Octets': { type: 43, kind: 'int' },
  'Acct-Session-Id': { type: 44, kind: 'string' },
  'Acct-Session-Time': { type: 46, kind: 'int' },
  'NAS-Port-Id': { type: 87, kind: 'string' },
};
const ACCT_STATUS: Record<string, number> = {
  Start: 1,
  Stop: 2,
  'Interim-Update': 3,
  'Accounting-On': 7,
  'Accounting-Off': 8,
};

/**
 * One Accounting-Request sent from a chosen source address (as accessRequestFrom): the
 * router whose `nas` row FreeRADIUS loaded. Answers 'Accounting-Response' (signature
 * checked in `verified`) or 'timeout' when the server dropped it.
 */
export async function accountingRequestFrom(p: {
  source: string;
  port: number;
  secret: string;
  attributes: RadiusAttributes;
  host?: string;
  timeoutMs?: number;
}) {
  const attrs = Buffer.concat(
    Object.entries(p.attributes).map(([name, raw]) => {
      const def = ACCT_ATTRS[name];
      if (!def) throw new Error(`accountingRequestFrom: unknown attribute ${name}`);
      const value =
        def.kind === 'string'
          ? Buffer.from(String(raw))
          : def.kind === 'ipv4'
            ? Buffer.from(String(raw).split('.').map(Number))
            : Buffer.from(
                [0, 0, 0, 0].map(
                  (_, i) =>
                    (Number(typeof raw === 'string' && name === 'Acct-Status-Type' ? ACCT_STATUS[raw] : raw) >>>
                      (24 - 8 * i)) &
                    255,
                ),
              );
      return Buffer.concat([Buffer.from([def.type, value.length + 2]), value]);
    }),
  );
  const id = randomBytes(1)[0]!;
  const header = Buffer.concat([Buffer.from([4, id]), u16(20 + attrs.length)]);
  // RFC 2866 §3: the request authenticator is MD5(code+id+length+16 zero octets+attributes+secret).
  const auth = createHash('md5')
    .update(Buffer.concat([header, Buffer.alloc(16), attrs, Buffer.from(p.secret)]))
    .digest();
  const packet = Buffer.concat([header, auth, attrs]);
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, p.source, () => resolve());
  });
  try {
    const reply = await new Promise<Buffer | null>((resolve) => {
      const timer = setTimeout(() => resolve(null), p.timeoutMs ?? 1500);
      socket.on('message', (msg) => {
        if (msg[1] !== id) return;
        clearTimeout(timer);
        resolve(msg);
      });
      socket.send(packet, p.port, p.host ?? '127.0.0.1');
    });
    if (!reply) return { code: 'timeout' as const, verified: false };
    const expected = createHash('md5')
      .update(Buffer.concat([reply.subarray(0, 4), auth, reply.subarray(20), Buffer.from(p.secret)]))
      .digest();
    return {
      code: reply[0] === 5 ? ('Accounting-Response' as const) : ('timeout' as const),
      verified: expected.equals(reply.subarray(4, 20)),
    };
  } finally {
    socket.close();
  }
}
