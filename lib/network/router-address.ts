import { env } from '@/lib/env';
import { RouterError } from '@/lib/network/routeros/errors';
import { AppError } from '@/lib/server/errors';
import {
  cidrList,
  InvalidAddressError,
  isLocalAddress,
  NotPublicAddressError,
  type ResolveOptions,
  type Resolver,
  resolvePublicAddress,
} from '@/lib/server/public-address';

/**
 * Where the app may connect to a tenant's router (API connections and RADIUS CoA /
 * Disconnect requests). On every install a router's host must not be, or resolve to, a
 * loopback, unspecified (0.0.0.0, ::) or link-local / metadata (169.254.0.0/16, fe80::/10)
 * address: no router is there, but the platform's database and cloud metadata service are.
 * Loopback is allowed on a self-hosted install with ROUTER_ALLOW_LOOPBACK=true (an SSH
 * tunnel; the tests' stand-ins). Self-hosted otherwise connects to any address: the ISP's
 * routers are on its own LAN. On a hosted platform (PLATFORM_MODE=hosted) a router's host
 * must resolve to a public address or into the platform's router VPN
 * (ROUTER_PRIVATE_RANGES): one tenant must not aim the worker at the platform's network or
 * another tenant's VPN peer. Checked when the router is saved and again before each new
 * connection (the name may resolve elsewhere by then), and the connection goes to the
 * address that was checked.
 */
let allowed: ReturnType<typeof cidrList> | undefined;

export function hostedPlatform() {
  return env().PLATFORM_MODE === 'hosted';
}

function allowedRanges() {
  allowed ??= cidrList(env().ROUTER_PRIVATE_RANGES);
  return allowed;
}

function rules(opts: { resolve?: Resolver }): ResolveOptions {
  const base = { allow: allowedRanges(), resolve: opts.resolve };
  return hostedPlatform() ? base : { ...base, only: 'local', allowLoopback: env().ROUTER_ALLOW_LOOPBACK };
}

/** The address to connect to for a router's host (resolved once, checked). */
export async function routerConnectAddress(host: string, opts: { resolve?: Resolver } = {}): Promise<string> {
  try {
    return (await resolvePublicAddress(host, rules(opts))).address;
  } catch (error) {
    if (error instanceof NotPublicAddressError || error instanceof InvalidAddressError) {
      // The router's last error is the tenant's to read: what its name resolved to (an
      // internal address) would map the platform's DNS. The operator's log has it.
      console.warn(`[network] router address refused: ${error.message}`);
      throw new RouterError(
        'not_allowed',
        hostedPlatform()
          ? "the router's address is not a public address or in the platform's router VPN"
          : "the router's address is a loopback, unspecified or link-local address",
      );
    }
    throw error;
  }
}

/**
 * On save: the host must not resolve to a refused address now. Hosted platforms refuse a
 * name that does not resolve at all too (the operator should fix it before the worker
 * tries); self-hosted installs keep it, as before (the connection says what is wrong).
 */
export async function assertRouterHostAllowed(host: string, opts: { resolve?: Resolver } = {}) {
  try {
    await resolvePublicAddress(host, rules(opts));
  } catch (error) {
    if (error instanceof NotPublicAddressError || error instanceof InvalidAddressError)
      throw new AppError(
        'validation',
        {},
        { host: hostedPlatform() ? 'validation.hostNotAllowed' : 'validation.hostLocal' },
      );
    if (hostedPlatform()) throw new AppError('validation', {}, { host: 'validation.hostUnresolved' });
  }
}

/**
 * A RADIUS router's NAS address (typed, or its host's address; an IP address, see
 * nas-address.ts; null for a host name, refused by the caller) on save, hosted only:
 * never loopback, unspecified or link-local (the worker sends CoA there, FreeRADIUS trusts
 * packets from there), and public or inside ROUTER_PRIVATE_RANGES like a router's host.
 * Self-hosted installs keep any address: their routers are on the LAN FreeRADIUS sees.
 */
export async function assertNasAddressAllowed(address: string | null) {
  if (!hostedPlatform() || address === null) return;
  const refused =
    isLocalAddress(address) ||
    (await resolvePublicAddress(address, { allow: allowedRanges() }).then(
      () => false,
      () => true,
    ));
  if (refused) throw new AppError('validation', {}, { nasAddress: 'validation.nasAddressNotAllowed' });
}
