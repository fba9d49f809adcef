import { BlockList, isIP } from 'node:net';
import { env } from '@/lib/env';
import { parseTrustedProxies, type TrustedProxies } from './trusted-proxies';

export { parseTrustedProxies };

/**
 * The header scripts/socket-address.cjs stamps on every request with the TCP peer's address,
 * overwriting whatever a client sent under that name.
 */
export const SOCKET_ADDRESS_HEADER = 'x-jaring-socket-address';

/**
 * `::ffff:192.0.2.1` (an IPv4 client on a dual-stack socket) is 192.0.2.1; a port some
 * proxies append (`192.0.2.1:5678`, `[2001:db8::1]:443`) is dropped.
 */
function normalize(address: string): string | null {
  const a = address
    .trim()
    .replace(/^(\d+\.\d+\.\d+\.\d+):\d+$/, '$1')
    .replace(/^\[([^\]]*)\](?::\d+)?$/, '$1');
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(a)?.[1] ?? a;
  return isIP(v4) ? v4 : null;
}

/**
 * Where a hop-count proxy can be: loopback and private networks. A peer anywhere else
 * reached the app directly, so the X-Forwarded-For it sent is its own invention.
 */
const PROXY_NETWORKS = new BlockList();
for (const [net, prefix] of [
  ['127.0.0.0', 8],
  ['10.0.0.0', 8],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['169.254.0.0', 16],
] as const) {
  PROXY_NETWORKS.addSubnet(net, prefix, 'ipv4');
}
PROXY_NETWORKS.addAddress('::1', 'ipv6');
PROXY_NETWORKS.addSubnet('fc00::', 7, 'ipv6');
PROXY_NETWORKS.addSubnet('fe80::', 10, 'ipv6');

/**
 * The key an address is limited under: an IPv4 address itself, an IPv6 address's /64 (one
 * household or server gets a whole /64 and can pick any address in it).
 */
export function limitKey(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head = '', tail] = address.toLowerCase().split('%')[0]!.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  if ([...left, ...right].some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return address; // embedded IPv4: rare, kept whole
  const groups =
    tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}

function trusts(list: BlockList, address: string) {
  return list.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

/**
 * The client's address: the socket's peer unless that peer is a trusted proxy, in which
 * case the X-Forwarded-For entry it appended, walking right to left through trusted proxies
 * only. Entries a client wrote itself sit further left and are never reached. A hop count is
 * believed only from a peer on a loopback or private network (the proxy), never from a
 * client that reached the app's port directly. Without the
 * socket address (the app not started by scripts/start.ts) there is no trustworthy answer.
 */
export function resolveClientIp(p: {
  socketAddress: string | null | undefined;
  forwardedFor: string | null | undefined;
  trusted: TrustedProxies;
}): string | null {
  const peer = p.socketAddress ? normalize(p.socketAddress) : null;
  if (!peer) return null;
  if (!p.trusted) return peer;
  const forwarded = (p.forwardedFor ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const chain = [...forwarded, peer];
  if ('hops' in p.trusted) {
    // Only a proxy (on this host or a private network) may speak for the client; garbage
    // where an address belongs leaves the peer as the answer.
    if (!trusts(PROXY_NETWORKS, peer)) return peer;
    const entry = chain[Math.max(chain.length - 1 - p.trusted.hops, 0)]!;
    return normalize(entry) ?? peer;
  }
  for (let i = chain.length - 1; i >= 0; i--) {
    const address = normalize(chain[i]!);
    if (!address) return null; // garbage where a trusted proxy should have written an address
    if (i === 0 || !trusts(p.trusted.list, address)) return address;
  }
  return null;
}

let trustedCache: { value: string | undefined; parsed: TrustedProxies } | undefined;

/** The visitor's address for limits and the audit log (see resolveClientIp). */
export function clientIp(header: (name: string) => string | null | undefined): string | null {
  const { TRUSTED_PROXIES, SOCKET_ADDRESS_STAMPED } = env();
  if (!SOCKET_ADDRESS_STAMPED) return null;
  if (!trustedCache || trustedCache.value !== TRUSTED_PROXIES)
    trustedCache = { value: TRUSTED_PROXIES, parsed: parseTrustedProxies(TRUSTED_PROXIES) };
  return resolveClientIp({
    socketAddress: header(SOCKET_ADDRESS_HEADER),
    forwardedFor: header('x-forwarded-for'),
    trusted: trustedCache.parsed,
  });
}
