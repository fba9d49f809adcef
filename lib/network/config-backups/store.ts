import { and, desc, eq, notInArray, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { RouterConfigTrigger } from '@/db/enums';
import { routerConfigState, routerConfigVersions } from '@/db/schema';
import { decryptSecret, encryptSecret } from '@/lib/crypto';
import { changedLines } from './diff';
import type { ConfigBackupError } from './errors';
import { cleanExport, configHash } from './export-text';
import type { HostKey } from './ssh';

type RouterRef = { orgId: string; routerId: string };

/** The router's state row, created on first need and locked: one run of a router writes at a time. */
async function lockState(tx: Db, p: RouterRef) {
  await tx
    .insert(routerConfigState)
    .values({ routerId: p.routerId, organizationId: p.orgId })
    .onConflictDoNothing({ target: routerConfigState.routerId });
  const [state] = await tx
    .select()
    .from(routerConfigState)
    .where(and(eq(routerConfigState.routerId, p.routerId), eq(routerConfigState.organizationId, p.orgId)))
    .for('update');
  return state!;
}

/**
 * Stores what `/export` printed: a new version when the configuration changed since the
 * newest one (its hash ignores the date line and software id), else only that newest
 * version's `last_seen_at`. Then keeps the newest `keep` versions. The host key seen is
 * trusted from now on if none was (trust on first use); a different key never gets here.
 */
export async function recordExport(
  db: Db,
  p: RouterRef & { trigger: RouterConfigTrigger; raw: string; version: string | null; hostKey: HostKey; keep: number },
) {
  return db.transaction(async (tx) => {
    const state = await lockState(tx, p);
    const text = cleanExport(p.raw);
    const sha256 = configHash(text);
    const [latest] = await tx
      .select({
        id: routerConfigVersions.id,
        sha256: routerConfigVersions.sha256,
        textEnc: routerConfigVersions.textEnc,
      })
      .from(routerConfigVersions)
      .where(and(eq(routerConfigVersions.routerId, p.routerId), eq(routerConfigVersions.organizationId, p.orgId)))
      .orderBy(desc(routerConfigVersions.takenAt), desc(routerConfigVersions.id))
      .limit(1);
    let outcome: { status: 'stored' | 'unchanged'; versionId: string; added: number | null; removed: number | null };
    if (latest?.sha256 === sha256) {
      await tx
        .update(routerConfigVersions)
        .set({ lastSeenAt: sql`now()` })
        .where(eq(routerConfigVersions.id, latest.id));
      outcome = { status: 'unchanged', versionId: latest.id, added: 0, removed: 0 };
    } else {
      const counts = latest ? changedLines(decryptSecret(latest.textEnc), text) : null;
      const [row] = await tx
        .insert(routerConfigVersions)
        .values({
          organizationId: p.orgId,
          routerId: p.routerId,
          trigger: p.trigger,
          textEnc: encryptSecret(text),
          sha256,
          sizeBytes: Buffer.byteLength(text, 'utf8'),
          lineCount: text === '' ? 0 : text.split('\n').length - 1,
          addedLines: counts?.added ?? null,
          removedLines: counts?.removed ?? null,
          routerosVersion: p.version,
        })
        .returning({ id: routerConfigVersions.id });
      outcome = {
        status: 'stored',
        versionId: row!.id,
        added: counts?.added ?? null,
        removed: counts?.removed ?? null,
      };
      await keepNewest(tx, { ...p, keep: p.keep });
    }
    await tx
      .update(routerConfigState)
      .set({
        ...(state.hostKeyFingerprint
          ? {}
          : { hostKeyFingerprint: p.hostKey.fingerprint, hostKeyType: p.hostKey.type, hostKeyTrustedAt: sql`now()` }),
        // The trusted key answered again: whatever other key was seen is no longer waiting.
        pendingHostKeyFingerprint: null,
        pendingHostKeyType: null,
        pendingHostKeySeenAt: null,
        lastRunAt: sql`now()`,
        lastStatus: outcome.status,
        lastErrorKind: null,
        lastError: null,
        lastSuccessAt: sql`now()`,
        failures: 0,
        updatedAt: sql`now()`,
      })
      .where(eq(routerConfigState.routerId, p.routerId));
    return { ...outcome, sizeBytes: Buffer.byteLength(text, 'utf8'), version: p.version };
  });
}

/** Retention: every version of the router but the newest `keep` is deleted. */
async function keepNewest(tx: Db, p: RouterRef & { keep: number }) {
  const newest = tx
    .select({ id: routerConfigVersions.id })
    .from(routerConfigVersions)
    .where(and(eq(routerConfigVersions.routerId, p.routerId), eq(routerConfigVersions.organizationId, p.orgId)))
    .orderBy(desc(routerConfigVersions.takenAt), desc(routerConfigVersions.id))
    .limit(Math.max(1, p.keep));
  await tx
    .delete(routerConfigVersions)
    .where(
      and(
        eq(routerConfigVersions.routerId, p.routerId),
        eq(routerConfigVersions.organizationId, p.orgId),
        notInArray(routerConfigVersions.id, newest),
      ),
    );
}

/**
 * A failed run, recorded where the router page shows it: its kind, the detail (password
 * already masked) and how many runs in a row failed. A host key other than the trusted one
 * is kept as waiting, for an admin to accept on the page.
 */
export async function recordFailure(db: Db, p: RouterRef & { error: ConfigBackupError }) {
  await db.transaction(async (tx) => {
    await lockState(tx, p);
    const key = p.error.kind === 'host_key_changed' ? p.error.presentedKey : undefined;
    await tx
      .update(routerConfigState)
      .set({
        ...(key
          ? {
              pendingHostKeyFingerprint: key.fingerprint,
              pendingHostKeyType: key.type,
              pendingHostKeySeenAt: sql`now()`,
            }
          : {}),
        lastRunAt: sql`now()`,
        lastStatus: 'failed',
        lastErrorKind: p.error.kind,
        lastError: p.error.detail.slice(0, 500),
        failures: sql`${routerConfigState.failures} + 1`,
        updatedAt: sql`now()`,
      })
      .where(eq(routerConfigState.routerId, p.routerId));
  });
}
