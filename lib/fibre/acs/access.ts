import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { acsServers } from '@/db/schema';
import { decryptSecret } from '@/lib/crypto';
import { routerConnectAddress } from '@/lib/network/router-address';
import { RouterError } from '@/lib/network/routeros/errors';
import { AcsError } from './errors';
import { createNbiClient, type NbiClient } from './nbi';

/**
 * How lib reaches an organization's GenieACS. The worker hands lib `acsAccess(db)`; the web
 * app never does (it queues jobs), so a rule in lib runs and is tested without the queue.
 */
export interface AcsAccess {
  /** The organization's NBI client; AcsError 'not_configured' when it has no ACS. */
  nbi(orgId: string): Promise<NbiClient>;
}

/**
 * The real one: the organization's NBI URL and credentials (decrypted here, in the worker),
 * the URL's host resolved and checked by the router address rules before every client (a
 * tenant's URL must not aim the worker at loopback, link-local or the cloud metadata
 * service), and the connection made to the address that was checked.
 */
export function acsAccess(db: Db, opts: { timeoutMs?: number } = {}): AcsAccess {
  return {
    async nbi(orgId) {
      const [server] = await db.select().from(acsServers).where(eq(acsServers.organizationId, orgId));
      if (!server) throw new AcsError('not_configured', 'the organization has no GenieACS connection');
      const url = new URL(server.nbiUrl);
      let address: string;
      try {
        address = await routerConnectAddress(url.hostname.replace(/^\[(.*)\]$/, '$1'));
      } catch (error) {
        if (error instanceof RouterError) throw new AcsError('not_allowed', error.message);
        throw new AcsError('unreachable', `the NBI host does not resolve: ${(error as Error).message}`);
      }
      return createNbiClient({
        url: server.nbiUrl,
        username: server.nbiUsername,
        password: server.nbiPasswordEnc ? decryptSecret(server.nbiPasswordEnc) : null,
        timeoutMs: opts.timeoutMs,
        connectTo: { address, family: address.includes(':') ? 6 : 4 },
      });
    },
  };
}
