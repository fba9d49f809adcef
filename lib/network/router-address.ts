import { env } from '@/lib/env';
import { AppError } from '@/lib/server/errors';
import { cidrList, InvalidAddressError, NotPublicAddressError, resolvePublicAddress, type Resolver } from '@/lib/server/public-address';
import { RouterError } from './routeros/errors';

/**
 * Where the app may connect to a tenant's router. Self-hosted (the default) connects to any
 * address, as before: the ISP's routers are on its own LAN. On a hosted platform
 * (PLATFORM_MODE=hosted) a router's host must resolve to a public address or into the
 * platform's router VPN (ROUTER_PRIVATE_RANGES): one tenant must not aim the worker at the
 * platform's database, metadata service or another tenant's VPN peer. Checked when the router
 * is saved and again before each new connection (the name may resolve elsewhere by then), and
 * the connection goes to the address that was checked.
 */
let allowed: ReturnType<typeof cidrList> | undefined;

function hosted() {
  return env().PLATFORM_MODE === 'hosted';
}

function allowedRanges() {
  allowed ??= cidrList(env().ROUTER_PRIVATE_RANGES);
  return allowed;
}

/** The address to connect to for a router's host: the host itself when self-hosted. */
export async function routerConnectAddress(host: string, opts: { resolve?: Resolver } = {}): Promise<string> {
  if (!hosted()) return host;
  try {
    return (await resolvePublicAddress(host, { allow: allowedRanges(), resolve: opts.resolve })).address;
  } catch (error) {
    if (error instanceof NotPublicAddressError || error instanceof InvalidAddressError) throw new RouterError('not_allowed', error.message);
    throw error;
  }
}

/**
 * On save (hosted only): the host must resolve to an allowed address now. A name that does
 * not resolve at all is refused too: the operator should fix it before the worker tries.
 */
export async function assertRouterHostAllowed(host: string, opts: { resolve?: Resolver } = {}) {
  if (!hosted()) return;
  try {
    await resolvePublicAddress(host, { allow: allowedRanges(), resolve: opts.resolve });
  } catch (error) {
    if (error instanceof NotPublicAddressError || error instanceof InvalidAddressError) throw new AppError('validation', {}, { host: 'validation.hostNotAllowed' });
    throw new AppError('validation', {}, { host: 'validation.hostUnresolved' });
  }
}
