import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Guards connections to addresses a tenant typed (an HTTP WhatsApp gateway, a router on a
 * hosted platform): the app must not be aimed at the platform's own network, the database,
 * or a cloud metadata service. A name is resolved once, every address it resolves to is
 * checked, and the caller connects to the address that was checked — never resolving the
 * name again, which a DNS-rebinding name would answer differently.
 */

/** Not reachable on the public internet, or not meant to be connected to (RFC 6890 and friends). */
const NOT_PUBLIC = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this network", 0.0.0.0 reaches the local host
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata (169.254.169.254)
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24], // 6to4 relays
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const)
  NOT_PUBLIC.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 96], // unspecified, loopback, IPv4-compatible (deprecated)
  ['::ffff:0:0:0', 96], // SIIT (IPv4-translated, RFC 2765): ::ffff:0:7f00:1 is 127.0.0.1
  ['64:ff9b::', 96], // NAT64: would reach any IPv4 address, private ones too
  ['64:ff9b:1::', 48],
  ['100::', 64], // discard
  ['2001::', 23], // IETF protocol assignments, Teredo
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4 tunnels to any IPv4 address
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const)
  NOT_PUBLIC.addSubnet(net, prefix, 'ipv6');

/**
 * Never a router or a gateway, on any install: the unspecified address (0.0.0.0 and :: reach
 * the local host), link-local (cloud metadata 169.254.169.254, fe80::/10) and the IPv6 forms
 * of IPv4 addresses nobody routes to. Loopback is its own list: self-hosted installs may
 * allow it (an SSH tunnel to a router, the tests' stand-ins).
 */
const LOCAL = new BlockList();
LOCAL.addSubnet('0.0.0.0', 8, 'ipv4');
LOCAL.addSubnet('169.254.0.0', 16, 'ipv4');
for (const [net, prefix] of [
  ['::', 96],
  ['::ffff:0:0:0', 96],
  ['fe80::', 10],
] as const)
  LOCAL.addSubnet(net, prefix, 'ipv6');
const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/**
 * The canonical form of an IP address written any way a resolver would accept it, or null
 * for a host name. `getaddrinfo` and the WHATWG URL parser both read `2130706433`, `0x7f.1`
 * and `0177.0.0.1` as 127.0.0.1, so those are addresses, not names. IPv6 comes back
 * compressed and lower-case, an IPv4-mapped IPv6 address (`::ffff:10.0.0.1`, `::ffff:a00:1`)
 * as the IPv4 address it reaches. Throws for something that is neither (`1.2.3.999`, a
 * zone id).
 */
export function canonicalIp(text: string): string | null {
  const host = text
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');
  let parsed: string;
  try {
    if (!host || /[/?#@\\%\s]/.test(host)) throw new Error('not a host');
    parsed = new URL(`http://${host.includes(':') ? `[${host}]` : host}/`).hostname;
  } catch {
    throw new InvalidAddressError(text);
  }
  if (isIP(parsed) === 4) return parsed;
  if (!parsed.startsWith('[')) return null;
  const v6 = parsed.slice(1, -1);
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(v6);
  if (mapped) {
    const n = (parseInt(mapped[1]!, 16) << 16) | parseInt(mapped[2]!, 16);
    return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
  }
  return v6;
}

export class InvalidAddressError extends Error {
  constructor(text: string) {
    super(`${JSON.stringify(text)} is not a valid host name or address`);
    this.name = 'InvalidAddressError';
  }
}

export class NotPublicAddressError extends Error {
  constructor(
    readonly host: string,
    readonly address: string,
    readonly what = 'not a public address',
  ) {
    super(host === address ? `${address} is ${what}` : `${host} resolves to ${address}, which is ${what}`);
    this.name = 'NotPublicAddressError';
  }
}

const LOCAL_WHAT = 'a loopback, unspecified or link-local address';

/** True for loopback (unless allowed), unspecified and link-local addresses: see LOCAL. */
export function isLocalAddress(ip: string, opts: { allowLoopback?: boolean } = {}): boolean {
  const canonical = canonicalIp(ip);
  if (canonical === null) return true;
  const family = isIP(canonical) === 6 ? 'ipv6' : 'ipv4';
  if (LOOPBACK.check(canonical, family)) return !opts.allowLoopback;
  return LOCAL.check(canonical, family);
}

/** True for a canonical or raw IP address that is loopback, private, link-local, reserved… */
export function isPrivateAddress(ip: string): boolean {
  const canonical = canonicalIp(ip);
  if (canonical === null) return true;
  return NOT_PUBLIC.check(canonical, isIP(canonical) === 6 ? 'ipv6' : 'ipv4');
}

/** A list of CIDRs (`10.8.0.0/16, fd00:8::/64`) as a BlockList; throws on a malformed entry. */
export function cidrList(text: string): BlockList {
  const list = new BlockList();
  for (const entry of text.split(/[\s,]+/).filter(Boolean)) {
    const [net, bits, extra] = entry.split('/');
    const ip = net ? canonicalIp(net) : null;
    const prefix = Number(bits);
    const family = ip ? isIP(ip) : 0;
    if (
      !ip ||
      !family ||
      extra !== undefined ||
      bits === undefined ||
      !Number.isInteger(prefix) ||
      prefix < 0 ||
      prefix > (family === 4 ? 32 : 128)
    )
      throw new Error(`${JSON.stringify(entry)} is not a CIDR range such as 10.8.0.0/16`);
    list.addSubnet(ip, prefix, family === 4 ? 'ipv4' : 'ipv6');
  }
  return list;
}

export type Resolver = (host: string) => Promise<{ address: string; family: number }[]>;
const systemResolver: Resolver = (host) => dnsLookup(host, { all: true, verbatim: true });

export type ResolveOptions = {
  /** Ranges allowed although not public (a platform's router VPN). */
  allow?: BlockList;
  /** For tests: a resolver standing in for DNS. */
  resolve?: Resolver;
  /**
   * 'local': refuse only loopback, unspecified and link-local addresses (a self-hosted
   * install's routers are on its LAN), loopback too unless allowLoopback.
   */
  only?: 'local';
  allowLoopback?: boolean;
};

/**
 * Resolves `host` once and returns the address to connect to, after checking that it and
 * every other address the name resolves to is public (or in `allow`). Connect to the
 * returned address, not to the name.
 */
export async function resolvePublicAddress(
  host: string,
  opts: ResolveOptions = {},
): Promise<{ address: string; family: 4 | 6 }> {
  const literal = canonicalIp(host);
  const name = host.trim().toLowerCase().replace(/\.$/, '');
  const local = opts.only === 'local';
  const what = local ? LOCAL_WHAT : undefined;
  const refused = (address: string) =>
    local ? isLocalAddress(address, { allowLoopback: opts.allowLoopback }) : isPrivateAddress(address);
  if (literal === null && !(local && opts.allowLoopback) && (name === 'localhost' || name.endsWith('.localhost')))
    throw new NotPublicAddressError(host, name, what);
  const addresses =
    literal !== null
      ? [literal]
      : (await (opts.resolve ?? systemResolver)(name)).map((a) => canonicalIp(a.address) ?? a.address);
  if (addresses.length === 0) throw Object.assign(new Error(`${host} has no address`), { code: 'ENOTFOUND' });
  for (const address of addresses) {
    const family = isIP(address);
    const allowed = family !== 0 && opts.allow?.check(address, family === 6 ? 'ipv6' : 'ipv4');
    if (!allowed && refused(address)) throw new NotPublicAddressError(host, address, what);
  }
  const address = addresses[0]!;
  return { address, family: isIP(address) === 6 ? 6 : 4 };
}

/** The URL's host resolved and checked (see resolvePublicAddress): what to connect to. */
export async function resolvePublicUrl(url: string, opts: ResolveOptions = {}) {
  const parsed = new URL(url);
  return { url: parsed, ...(await resolvePublicAddress(parsed.hostname, opts)) };
}

/** Throws when the URL's host is, or resolves to, a private address. */
export async function assertPublicUrl(url: string, opts: ResolveOptions = {}): Promise<void> {
  await resolvePublicUrl(url, opts);
}
