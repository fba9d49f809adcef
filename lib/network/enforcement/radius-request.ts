import type { Database } from '@/db/client';
import type { Router } from '@/db/schema';
import { decryptSecret } from '@/lib/crypto';
import { PermanentJobError } from '@/lib/jobs/errors';
import { sendDynamicAuth } from '@/lib/network/radius/coa';
import { orgSlug, radiusUsername } from '@/lib/network/radius/provision';
import { routerConnectAddress } from '@/lib/network/router-address';
import { planRateLimit } from '@/lib/network/router-state';
import type { SubscriptionOnNetwork } from './apply-subscription';

/**
 * Active customers changing plan get a CoA-Request with the new Mikrotik-Rate-Limit; every
 * other change (isolate, reopen, suspend, terminate, move) a Disconnect-Request, so the
 * customer logs in again and FreeRADIUS answers with the new group. A NAK with "session
 * context not found" means the customer is not online: nothing to do. No answer at all is
 * retried (the job fails into back-off like any unreachable device).
 */
export async function tellRadiusRouter(
  db: Database,
  orgId: string,
  router: Router,
  sub: SubscriptionOnNetwork,
  planChange: boolean,
) {
  if (sub.sub.status === 'pending') return { applied: false, reason: 'pending' };
  if (!router.radiusSecretEnc) throw new PermanentJobError(`Router ${router.name} has no RADIUS secret`);
  const userName = radiusUsername(sub.sub.serviceUsername, await orgSlug(db, orgId));
  const coa = planChange && sub.sub.status === 'active';
  const result = await sendDynamicAuth({
    // Hosted platforms check the router's address again before each request.
    host: await routerConnectAddress(router.host),
    port: router.coaPort,
    secret: decryptSecret(router.radiusSecretEnc),
    kind: coa ? 'coa' : 'disconnect',
    userName,
    ...(coa ? { mikrotikRateLimit: planRateLimit(sub.plan) } : {}),
  });
  if (result.codeName === 'timeout')
    throw new Error(
      `${router.name} (${router.host}:${router.coaPort}) did not answer the ${coa ? 'CoA' : 'Disconnect'}-Request after ${result.attempts} tries`,
    );
  const notOnline = !result.ok && result.errorCause === 503;
  return {
    applied: true,
    mode: 'radius',
    request: coa ? 'CoA-Request' : 'Disconnect-Request',
    reply: result.codeName,
    ...(result.errorCause ? { errorCause: result.errorCause } : {}),
    online: result.ok ? true : notOnline ? false : null,
    userName,
    attempts: result.attempts,
  };
}
