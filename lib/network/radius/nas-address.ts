import { canonicalIp } from '@/lib/server/public-address';

/**
 * A NAS address as FreeRADIUS matches it, canonical (trimmed, lower-case, IPv4-mapped ->
 * IPv4, IPv6 compressed as PostgreSQL's host() writes it), or null for a host name: the app
 * tells an organization's accounting apart by the packets' source address, so a NAS is an
 * IP address.
 */
export function nasAddressOf(text: string): string | null {
  try {
    return canonicalIp(text);
  } catch {
    return null;
  }
}
