import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { OltTransport, OltVendor } from '@/db/enums';
import { olts } from '@/db/schema';
import { decryptSecret } from '@/lib/crypto';
import { routerConnectAddress } from '@/lib/network/router-address';
import { RouterError } from '@/lib/network/routeros/errors';
import { AppError } from '@/lib/server/errors';
import { OltError } from './errors';

export type OltConnection = {
  oltId: string;
  vendor: OltVendor;
  transport: OltTransport;
  host: string;
  port: number;
  username: string;
  password: string;
  enablePassword: string | null;
};

/** How the worker reaches one OLT of the organization (passwords decrypted, in memory only). */
export async function oltConnection(db: Db, p: { orgId: string; oltId: string }): Promise<OltConnection> {
  const [olt] = await db
    .select()
    .from(olts)
    .where(and(eq(olts.id, p.oltId), eq(olts.organizationId, p.orgId)));
  if (!olt) throw new AppError('not_found');
  return {
    oltId: olt.id,
    vendor: olt.vendor,
    transport: olt.transport,
    host: olt.host,
    port: olt.port,
    username: olt.username,
    password: decryptSecret(olt.passwordEnc),
    enablePassword: olt.enablePasswordEnc ? decryptSecret(olt.enablePasswordEnc) : null,
  };
}

/**
 * The address to connect to, by the routers' rules (lib/network/router-address.ts): never
 * a loopback, link-local or metadata address unless ROUTER_ALLOW_LOOPBACK (the tests'
 * stand-ins); public or the platform's VPN on a hosted platform. Checked before every new
 * session, and the session goes to the address that was checked.
 */
export async function oltConnectAddress(host: string): Promise<string> {
  try {
    return await routerConnectAddress(host);
  } catch (error) {
    if (error instanceof RouterError) throw new OltError('not_allowed', error.message);
    throw error;
  }
}
