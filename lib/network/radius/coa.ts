import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { lookup } from 'node:dns/promises';
import { isIP, isIPv4 } from 'node:net';

/**
 * RADIUS Dynamic Authorization client (RFC 5176): asks a NAS (a MikroTik router) to drop a
 * session (Disconnect-Request) or change it in place (CoA-Request, e.g. a new rate limit).
 *
 * The packet codec is written by hand rather than taken from an npm package: no RADIUS
 * library is in node_modules, and the part we need (a few attributes and two MD5
 * authenticators) is small enough to read in one sitting.
 */

export type DynamicAuthRequest = {
  host: string;
  /** RFC 5176 port; MikroTik listens on 3799 ("/radius incoming"). */
  port?: number;
  secret: string;
  kind: 'disconnect' | 'coa';
  userName: string;
  acctSessionId?: string;
  framedIpAddress?: string;
  nasIpAddress?: string;
  /** CoA only: Mikrotik-Rate-Limit (vendor 14988, type 8), e.g. "10M/20M". */
  mikrotikRateLimit?: string;
  /** CoA only: Mikrotik-Address-List (vendor 14988, type 19). */
  mikrotikAddressList?: string;
  /** Per try; default 2000. */
  timeoutMs?: number;
  /** Extra sends of the same packet after a timeout; default 2. */
  retries?: number;
};

export type DynamicAuthCodeName = 'Disconnect-ACK' | 'Disconnect-NAK' | 'CoA-ACK' | 'CoA-NAK' | 'timeout';

export type DynamicAuthResult = {
  ok: boolean;
  /** RADIUS reply code, 0 on timeout. */
  code: number;
  codeName: DynamicAuthCodeName;
  /** Error-Cause (101) from the reply, e.g. 503 Session-Context-Not-Found. */
  errorCause?: number;
  attempts: number;
  ms: number;
};

export type RadiusAttribute = { type: number; value: Buffer; vendorId?: number; vendorType?: number };

export type RadiusPacket = {
  code: number;
  identifier: number;
  length: number;
  authenticator: Buffer;
  attributes: RadiusAttribute[];
};

const CODE = {
  'Disconnect-Request': 40,
  'Disconnect-ACK': 41,
  'Disconnect-NAK': 42,
  'CoA-Request': 43,
  'CoA-ACK': 44,
  'CoA-NAK': 45,
} as const;
const REPLY_NAMES: Record<number, DynamicAuthCodeName> = {
  41: 'Disconnect-ACK',
  42: 'Disconnect-NAK',
  44: 'CoA-ACK',
  45: 'CoA-NAK',
};
const ATTR = {
  userName: 1,
  nasIpAddress: 4,
  framedIpAddress: 8,
  vendorSpecific: 26,
  acctSessionId: 44,
  errorCause: 101,
} as const;
const MIKROTIK_VENDOR_ID = 14988;
const MIKROTIK = { rateLimit: 8, addressList: 19 } as const;
const HEADER_LENGTH = 20;
const MAX_ATTRIBUTE_VALUE = 253;
const MAX_PACKET_LENGTH = 4096; // RFC 2865 §3

/** Builds the Disconnect-Request or CoA-Request, Request Authenticator included. Throws on invalid input. */
export function encodeDynamicAuth(req: DynamicAuthRequest, identifier: number): Buffer {
  if (!Number.isInteger(identifier) || identifier < 0 || identifier > 255)
    throw new Error(`RADIUS identifier must be 0-255, got ${identifier}`);
  if (!req.secret) throw new Error('RADIUS shared secret is empty');
  const attributes = Buffer.concat(encodeAttributes(req));
  const length = HEADER_LENGTH + attributes.length;
  if (length > MAX_PACKET_LENGTH)
    throw new Error(`RADIUS packet would be ${length} bytes, over the ${MAX_PACKET_LENGTH}-byte limit`);
  const packet = Buffer.alloc(length);
  packet[0] = req.kind === 'coa' ? CODE['CoA-Request'] : CODE['Disconnect-Request'];
  packet[1] = identifier;
  packet.writeUInt16BE(length, 2);
  attributes.copy(packet, HEADER_LENGTH);
  // RFC 5176 §2.3 = RFC 2866 §3: MD5 over the packet with a zero authenticator, then the
  // secret. Unlike an Access-Request there is no random authenticator.
  md5(packet, req.secret).copy(packet, 4);
  return packet;
}

function encodeAttributes(req: DynamicAuthRequest): Buffer[] {
  if (req.kind !== 'disconnect' && req.kind !== 'coa')
    throw new Error(`Unknown dynamic authorization kind: ${String(req.kind)}`);
  if (!req.userName) throw new Error('User-Name is required');
  const out = [attribute(ATTR.userName, Buffer.from(req.userName, 'utf8'), 'User-Name')];
  if (req.acctSessionId)
    out.push(attribute(ATTR.acctSessionId, Buffer.from(req.acctSessionId, 'utf8'), 'Acct-Session-Id'));
  if (req.framedIpAddress)
    out.push(attribute(ATTR.framedIpAddress, ipv4(req.framedIpAddress, 'Framed-IP-Address'), 'Framed-IP-Address'));
  if (req.nasIpAddress)
    out.push(attribute(ATTR.nasIpAddress, ipv4(req.nasIpAddress, 'NAS-IP-Address'), 'NAS-IP-Address'));
  const vsas: [number, string | undefined, string][] = [
    [MIKROTIK.rateLimit, req.mikrotikRateLimit, 'Mikrotik-Rate-Limit'],
    [MIKROTIK.addressList, req.mikrotikAddressList, 'Mikrotik-Address-List'],
  ];
  for (const [vendorType, value, name] of vsas) {
    if (value === undefined || value === '') continue;
    // A Disconnect-Request carrying authorization changes must be NAKed (RFC 5176 §3.2).
    if (req.kind !== 'coa') throw new Error(`${name} only belongs in a CoA-Request`);
    out.push(
      attribute(
        ATTR.vendorSpecific,
        vendorSpecific(MIKROTIK_VENDOR_ID, vendorType, Buffer.from(value, 'utf8'), name),
        name,
      ),
    );
  }
  return out;
}

function attribute(type: number, value: Buffer, name: string): Buffer {
  if (value.length > MAX_ATTRIBUTE_VALUE)
    throw new Error(`${name} is ${value.length} bytes; a RADIUS attribute holds at most ${MAX_ATTRIBUTE_VALUE}`);
  return Buffer.concat([Buffer.from([type, value.length + 2]), value]);
}

/** RFC 2865 §5.26 layout: Vendor-Id (4), then vendor type, vendor length, value. */
function vendorSpecific(vendorId: number, vendorType: number, value: Buffer, name: string): Buffer {
  const max = MAX_ATTRIBUTE_VALUE - 6;
  if (value.length > max)
    throw new Error(`${name} is ${value.length} bytes; inside Vendor-Specific it holds at most ${max}`);
  const head = Buffer.alloc(6);
  head.writeUInt32BE(vendorId, 0);
  head[4] = vendorType;
  head[5] = value.length + 2;
  return Buffer.concat([head, value]);
}

function ipv4(address: string, name: string): Buffer {
  if (!isIPv4(address)) throw new Error(`${name} must be an IPv4 address, got "${address}"`);
  return Buffer.from(address.split('.').map(Number));
}

/** Parses a RADIUS packet; Vendor-Specific attributes come out one entry per vendor sub-attribute. Throws if malformed. */
export function decodePacket(buf: Buffer): RadiusPacket {
  if (buf.length < HEADER_LENGTH) throw new Error(`RADIUS packet too short: ${buf.length} bytes`);
  const length = buf.readUInt16BE(2);
  // Octets past Length are padding (RFC 2865 §3); fewer than Length means a broken packet.
  if (length < HEADER_LENGTH || length > buf.length || length > MAX_PACKET_LENGTH)
    throw new Error(`RADIUS Length ${length} does not fit a ${buf.length}-byte packet`);
  const attributes: RadiusAttribute[] = [];
  for (let at = HEADER_LENGTH; at < length; ) {
    const type = buf[at];
    const attrLength = buf[at + 1];
    if (attrLength === undefined || attrLength < 2 || at + attrLength > length)
      throw new Error(`Malformed RADIUS attribute at offset ${at}`);
    const value = Buffer.from(buf.subarray(at + 2, at + attrLength));
    attributes.push(...(type === ATTR.vendorSpecific ? decodeVendorSpecific(value) : [{ type, value }]));
    at += attrLength;
  }
  return { code: buf[0], identifier: buf[1], length, authenticator: Buffer.from(buf.subarray(4, 20)), attributes };
}

function decodeVendorSpecific(value: Buffer): RadiusAttribute[] {
  if (value.length < 4) return [{ type: ATTR.vendorSpecific, value }];
  const vendorId = value.readUInt32BE(0);
  const subs: RadiusAttribute[] = [];
  for (let at = 4; at < value.length; ) {
    const subLength = value[at + 1];
    // Not in the recommended layout: hand back the raw payload rather than guessing.
    if (subLength === undefined || subLength < 2 || at + subLength > value.length)
      return [{ type: ATTR.vendorSpecific, vendorId, value: value.subarray(4) }];
    subs.push({
      type: ATTR.vendorSpecific,
      vendorId,
      vendorType: value[at],
      value: value.subarray(at + 2, at + subLength),
    });
    at += subLength;
  }
  return subs;
}

/** True when a Disconnect-/CoA-Request's authenticator matches the shared secret (what a NAS checks). */
export function verifyRequestAuthenticator(buf: Buffer, secret: string): boolean {
  return checkAuthenticator(buf, Buffer.alloc(16), secret);
}

/** Response Authenticator = MD5(Code, Identifier, Length, Request Authenticator, Attributes, Secret). */
function verifyResponseAuthenticator(buf: Buffer, requestAuthenticator: Buffer, secret: string): boolean {
  return checkAuthenticator(buf, requestAuthenticator, secret);
}

function checkAuthenticator(buf: Buffer, substitute: Buffer, secret: string): boolean {
  if (buf.length < HEADER_LENGTH) return false;
  const length = buf.readUInt16BE(2);
  if (length < HEADER_LENGTH || length > buf.length) return false;
  const copy = Buffer.from(buf.subarray(0, length));
  substitute.copy(copy, 4);
  return timingSafeEqual(md5(copy, secret), buf.subarray(4, 20));
}

function md5(packet: Buffer, secret: string): Buffer {
  return createHash('md5').update(packet).update(Buffer.from(secret, 'utf8')).digest();
}

/**
 * Sends the request and waits for the NAS's ACK or NAK. A lost packet, an unreachable host or
 * an unresolvable name all end as `timeout`; only invalid input throws.
 */
export async function sendDynamicAuth(req: DynamicAuthRequest): Promise<DynamicAuthResult> {
  const started = performance.now();
  const port = req.port ?? 3799;
  const timeoutMs = req.timeoutMs ?? 2000;
  const retries = req.retries ?? 2;
  if (!req.host) throw new Error('NAS host is required');
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`Invalid CoA port: ${port}`);
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new Error(`Invalid timeoutMs: ${timeoutMs}`);
  if (!Number.isInteger(retries) || retries < 0) throw new Error(`Invalid retries: ${retries}`);
  const packet = encodeDynamicAuth(req, randomInt(256));
  const elapsed = () => Math.round(performance.now() - started);

  const address = await resolve(req.host);
  if (!address) return { ok: false, code: 0, codeName: 'timeout', attempts: 0, ms: elapsed() };
  const expected: number[] =
    req.kind === 'coa' ? [CODE['CoA-ACK'], CODE['CoA-NAK']] : [CODE['Disconnect-ACK'], CODE['Disconnect-NAK']];
  const isOurReply = (msg: Buffer) =>
    msg.length >= HEADER_LENGTH &&
    msg[1] === packet[1] &&
    expected.includes(msg[0]) &&
    verifyResponseAuthenticator(msg, packet.subarray(4, 20), req.secret);

  const { reply, attempts } = await exchange(packet, { address, port }, 1 + retries, timeoutMs, isOurReply);
  if (!reply) return { ok: false, code: 0, codeName: 'timeout', attempts, ms: elapsed() };
  const cause = reply.attributes.find((a) => a.type === ATTR.errorCause && a.value.length === 4);
  return {
    ok: reply.code === CODE['CoA-ACK'] || reply.code === CODE['Disconnect-ACK'],
    code: reply.code,
    codeName: REPLY_NAMES[reply.code],
    ...(cause ? { errorCause: cause.value.readUInt32BE(0) } : {}),
    attempts,
    ms: elapsed(),
  };
}

async function resolve(host: string): Promise<string | null> {
  if (isIP(host)) return host;
  try {
    return (await lookup(host)).address;
  } catch {
    return null;
  }
}

/** One fresh socket per request; the same bytes are resent each try so the NAS can spot duplicates. */
async function exchange(
  packet: Buffer,
  to: { address: string; port: number },
  tries: number,
  timeoutMs: number,
  isOurReply: (msg: Buffer) => boolean,
): Promise<{ reply: RadiusPacket | null; attempts: number }> {
  const socket = createSocket(isIPv4(to.address) ? 'udp4' : 'udp6');
  socket.on('error', () => {}); // ICMP errors and the like: the try simply times out
  let attempts = 0;
  try {
    if (!(await bind(socket))) return { reply: null, attempts };
    let onReply: (p: RadiusPacket) => void = () => {};
    const replied = new Promise<RadiusPacket>((r) => (onReply = r));
    socket.on('message', (msg, from) => {
      if (from.address !== to.address || from.port !== to.port || !isOurReply(msg)) return;
      try {
        onReply(decodePacket(msg));
      } catch {
        // authenticator matched but attributes are garbled: treat as not received
      }
    });
    while (attempts < tries) {
      attempts++;
      socket.send(packet, to.port, to.address, () => {}); // a failed send looks like a lost packet
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<null>((r) => (timer = setTimeout(() => r(null), timeoutMs)));
      const reply = await Promise.race([replied, timedOut]);
      clearTimeout(timer);
      if (reply) return { reply, attempts };
    }
    return { reply: null, attempts };
  } finally {
    try {
      socket.close();
    } catch {
      // already closed
    }
  }
}

function bind(socket: Socket): Promise<boolean> {
  return new Promise((resolve) => {
    socket.once('error', () => resolve(false));
    socket.bind(0, () => resolve(true));
  });
}
