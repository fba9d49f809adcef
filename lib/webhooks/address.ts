import { env } from '@/lib/env';
import {
  InvalidAddressError,
  isLocalAddress,
  isPrivateAddress,
  NotPublicAddressError,
  type Resolver,
  resolvePublicUrl,
} from '@/lib/server/public-address';
import { maskEndpointUrl } from './masked-url';

/**
 * Where a tenant may aim its webhooks. By default only https:// on a public address, so a
 * typed URL cannot make the worker call the platform's own network, the database or a cloud
 * metadata service. WEBHOOKS_ALLOW_PRIVATE=true (self-hosted only) also allows http:// and
 * loopback / LAN addresses, for a receiver on the ISP's own network and the tests; the
 * unspecified address and link-local (169.254.169.254) stay refused even then.
 */
export type AddressPolicy = { allowPrivate?: boolean; resolve?: Resolver };

const allowPrivate = (p: AddressPolicy) => p.allowPrivate ?? env().WEBHOOKS_ALLOW_PRIVATE;

/**
 * The URL as typed, checked before it is saved: the message key of what is wrong, or null.
 * A literal address is judged here; a name is resolved at every delivery (DNS may change,
 * or be down now).
 */
export function endpointUrlProblem(value: string, policy: AddressPolicy = {}): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'validation.webhookUrl';
  }
  const open = allowPrivate(policy);
  if (url.protocol !== 'https:' && !(open && url.protocol === 'http:')) return 'validation.webhookUrl';
  if (url.username || url.password) return 'validation.webhookUrl';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const isName = !/^[\d.]+$/.test(host) && !host.includes(':');
  if (isName && !open && (host === 'localhost' || host.endsWith('.localhost'))) return 'validation.webhookUrlPrivate';
  if (isName) return null;
  try {
    const refused = open ? isLocalAddress(host, { allowLoopback: true }) : isPrivateAddress(host);
    return refused ? 'validation.webhookUrlPrivate' : null;
  } catch {
    return 'validation.webhookUrl';
  }
}

/** Why a delivery was not sent: the address is refused (the tenant sees only that). */
export class RefusedAddressError extends Error {
  constructor(readonly detail: string) {
    super(`webhook address refused: ${detail}`);
    this.name = 'RefusedAddressError';
  }
}

/**
 * Resolves the endpoint's host once, before each delivery, and checks every address it
 * resolves to; the request then goes to the checked address (a DNS-rebinding name does not
 * get a second lookup).
 */
export async function resolveEndpoint(url: string, policy: AddressPolicy = {}) {
  const problem = endpointUrlProblem(url, policy);
  if (problem) throw new RefusedAddressError(maskEndpointUrl(url));
  const open = allowPrivate(policy);
  try {
    const r = await resolvePublicUrl(url, {
      resolve: policy.resolve,
      ...(open ? { only: 'local' as const, allowLoopback: true } : {}),
    });
    return { address: r.address, family: r.family };
  } catch (error) {
    if (error instanceof NotPublicAddressError || error instanceof InvalidAddressError)
      throw new RefusedAddressError(error.message);
    throw error;
  }
}
