import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { RouterConfigTrigger } from '@/db/enums';
import { routerConfigState, routers } from '@/db/schema';
import { decryptSecret } from '@/lib/crypto';
import { env } from '@/lib/env';
import { PermanentJobError } from '@/lib/jobs/errors';
import { routerConnectAddress } from '@/lib/network/router-address';
import { RouterError } from '@/lib/network/routeros/errors';
import { ConfigBackupError, classifySshError, maskSecrets } from './errors';
import { readExportOverSsh } from './ssh';
import { recordExport, recordFailure } from './store';

/** What a run needs from outside, replaceable in tests (timeouts, the address check). */
export type ConfigBackupDeps = {
  connectTimeoutMs?: number;
  commandTimeoutMs?: number;
  maxOutputBytes?: number;
  resolveAddress?: (host: string) => Promise<string>;
};

/**
 * The `router-config-backup` job's rule, run by the worker only: the router's API login
 * (decrypted here, never sent anywhere but the router), its address checked by the same
 * rules as an API connection, one SSH connection that reads `/export`, and the result
 * stored. A failure is recorded on the router's state (the page shows it) and thrown: a
 * retryable one so the job retries with back-off, the others as permanent.
 */
export async function backupRouterConfig(
  db: Db,
  p: { orgId: string; routerId: string; trigger: RouterConfigTrigger },
  deps: ConfigBackupDeps = {},
) {
  const [router] = await db
    .select({
      host: routers.host,
      sshPort: routers.sshPort,
      username: routers.username,
      passwordEnc: routers.passwordEnc,
      keep: routers.configBackupKeep,
      snapshot: routers.lastSnapshot,
      trusted: routerConfigState.hostKeyFingerprint,
    })
    .from(routers)
    .leftJoin(routerConfigState, eq(routerConfigState.routerId, routers.id))
    .where(and(eq(routers.id, p.routerId), eq(routers.organizationId, p.orgId)));
  // Deleted since it was queued: nothing to back up, and retrying will not bring it back.
  if (!router) throw new PermanentJobError('router not found in this organization');
  const password = decryptSecret(router.passwordEnc);
  try {
    const address = await (deps.resolveAddress ?? routerConnectAddress)(router.host);
    const read = await readExportOverSsh({
      address,
      port: router.sshPort,
      username: router.username,
      password,
      trustedFingerprint: router.trusted ?? null,
      versionHint: router.snapshot?.version ?? null,
      connectTimeoutMs: deps.connectTimeoutMs ?? env().ROUTER_CONNECT_TIMEOUT_MS,
      // An export walks every menu: on a small router with a big configuration that takes a while.
      commandTimeoutMs: deps.commandTimeoutMs ?? env().ROUTER_COMMAND_TIMEOUT_MS * 4,
      maxOutputBytes: deps.maxOutputBytes,
    });
    const stored = await recordExport(db, { ...p, ...read, keep: router.keep });
    return { ...stored, command: read.command };
  } catch (error) {
    if (error instanceof PermanentJobError) throw error;
    const classified =
      error instanceof RouterError && error.kind === 'not_allowed'
        ? new ConfigBackupError('not_allowed', error.message)
        : classifySshError(error);
    // A database failure is not the router's: it stays what it is and the job retries.
    if (!(error instanceof ConfigBackupError) && !isNetworkError(error) && !(error instanceof RouterError)) throw error;
    const masked = new ConfigBackupError(
      classified.kind,
      maskSecrets(classified.detail, [password]),
      classified.presentedKey,
    );
    await recordFailure(db, { ...p, error: masked });
    if (!masked.retryable) throw new PermanentJobError(masked.message, { cause: masked });
    throw masked;
  }
}

/** A socket or SSH client failure (a code or an ssh2 level), not a bug or a database error. */
function isNetworkError(error: unknown) {
  const e = error as { code?: unknown; level?: unknown } | null;
  return typeof e?.level === 'string' || (typeof e?.code === 'string' && /^E[A-Z]+$/.test(e.code));
}
