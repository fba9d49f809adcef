import { isIP, type BlockList } from 'node:net';
import { env } from '@/lib/env';
import { parseTrustedProxies, type TrustedProxies } from './trusted-proxies';

export { parseTrustedProxies };

/**
 * The header scripts/socket-address.cjs stamps on every request with the TCP peer's address,
 * overwriting whatever a client sent under that name.
 */
export const SOCKET_ADDRESS_HEADER = 'x-jaring-socket-address';

/** `::ffff:192.0.2.1` (an IPv4 client on a dual-stack socket) is 192.0.2.1. */
function normalize(address: string): string | null {
  const a = address.trim().replace(/^\[(.*)\]$/, '$1');
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(a)?.[1] ?? a;
  return isIP(v4) ? v4 : null;
}

function trusts(list: BlockList, address: string) {
  return list.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

/**
 * The client's address: the socket's peer unless that peer is a trusted proxy, in which
 * case the X-Forwarded-For entry it appended, walking right to left through trusted proxies
 * only. Entries a client wrote itself sit further left and are never reached. Without the
 * socket address (the app not started by scripts/start.ts) there is no trustworthy answer.
 */
export function resolveClientIp(p: { socketAddress: string | null | undefined; forwardedFor: string | null | undefined; trusted: TrustedProxies }): string | null {
  const peer = p.socketAddress ? normalize(p.socketAddress) : null;
  if (!peer) return null;
  if (!p.trusted) return peer;
  const forwarded = (p.forwardedFor ?? '').split(',').map((e) => e.trim()).filter(Boolean);
  const chain = [...forwarded, peer];
  if ('hops' in p.trusted) {
    const entry = chain[Math.max(chain.length - 1 - p.trusted.hops, 0)]!;
    return normalize(entry);
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
  if (!trustedCache || trustedCache.value !== TRUSTED_PROXIES) trustedCache = { value: TRUSTED_PROXIES, parsed: parseTrustedProxies(TRUSTED_PROXIES) };
  return resolveClientIp({ socketAddress: header(SOCKET_ADDRESS_HEADER), forwardedFor: header('x-forwarded-for'), trusted: trustedCache.parsed });
}
