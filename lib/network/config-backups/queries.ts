import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { jobs, organizations, routerConfigState, routerConfigVersions, routers } from '@/db/schema';
import { decryptSecret } from '@/lib/crypto';
import { routerConfigBackup } from '@/lib/network/jobs';
import { AppError } from '@/lib/server/errors';
import { afterCursor, decodeCursor, toPage } from '@/lib/server/pagination';
import { diffExports } from './diff';
import { configFileName } from './file-name';

type RouterRef = { orgId: string; routerId: string };

async function assertRouter(db: Db, p: RouterRef) {
  const [row] = await db
    .select({ name: routers.name })
    .from(routers)
    .where(and(eq(routers.id, p.routerId), eq(routers.organizationId, p.orgId)));
  if (!row) throw new AppError('not_found');
  return row;
}

/**
 * What the router page's Configuration section shows: the settings, how the last run went
 * (with the error in words when it failed), the trusted and any waiting host key, the
 * newest version and a run waiting or in progress (so the button says so).
 */
export async function configBackupStatus(db: Db, p: RouterRef) {
  const [row] = await db
    .select({
      sshPort: routers.sshPort,
      enabled: routers.configBackupEnabled,
      keep: routers.configBackupKeep,
      hostKeyFingerprint: routerConfigState.hostKeyFingerprint,
      hostKeyType: routerConfigState.hostKeyType,
      hostKeyTrustedAt: routerConfigState.hostKeyTrustedAt,
      pendingHostKeyFingerprint: routerConfigState.pendingHostKeyFingerprint,
      pendingHostKeyType: routerConfigState.pendingHostKeyType,
      pendingHostKeySeenAt: routerConfigState.pendingHostKeySeenAt,
      lastRunAt: routerConfigState.lastRunAt,
      lastStatus: routerConfigState.lastStatus,
      lastErrorKind: routerConfigState.lastErrorKind,
      lastError: routerConfigState.lastError,
      lastSuccessAt: routerConfigState.lastSuccessAt,
      failures: sql<number>`coalesce(${routerConfigState.failures}, 0)`,
    })
    .from(routers)
    .leftJoin(routerConfigState, eq(routerConfigState.routerId, routers.id))
    .where(and(eq(routers.id, p.routerId), eq(routers.organizationId, p.orgId)));
  if (!row) throw new AppError('not_found');
  const [running] = await db
    .select({ id: jobs.id, state: jobs.state })
    .from(jobs)
    .where(
      and(
        eq(jobs.organizationId, p.orgId),
        eq(jobs.type, routerConfigBackup.name),
        inArray(jobs.state, ['queued', 'running', 'retrying']),
        sql`${jobs.payload}->>'routerId' = ${p.routerId}`,
      ),
    )
    .orderBy(desc(jobs.createdAt))
    .limit(1);
  return { ...row, runningJobId: running?.id ?? null };
}

const listColumns = {
  id: routerConfigVersions.id,
  createdAt: routerConfigVersions.takenAt,
  lastSeenAt: routerConfigVersions.lastSeenAt,
  trigger: routerConfigVersions.trigger,
  sizeBytes: routerConfigVersions.sizeBytes,
  lineCount: routerConfigVersions.lineCount,
  addedLines: routerConfigVersions.addedLines,
  removedLines: routerConfigVersions.removedLines,
  routerosVersion: routerConfigVersions.routerosVersion,
};

/** A router's versions, newest first, a page at a time (keyset on taken_at, id). */
export async function listConfigVersions(db: Db, p: RouterRef & { cursor?: string; limit?: number }) {
  await assertRouter(db, p);
  const limit = p.limit ?? 20;
  const rows = await db
    .select(listColumns)
    .from(routerConfigVersions)
    .where(
      and(
        eq(routerConfigVersions.routerId, p.routerId),
        eq(routerConfigVersions.organizationId, p.orgId),
        afterCursor(routerConfigVersions.takenAt, routerConfigVersions.id, decodeCursor(p.cursor)),
      ),
    )
    .orderBy(desc(routerConfigVersions.takenAt), desc(routerConfigVersions.id))
    .limit(limit + 1);
  const page = toPage(rows, limit);
  // The version before each one (the row after it, newest first): "what changed" compares the two.
  return {
    ...page,
    items: page.items.map(({ createdAt, ...v }, i) => ({
      ...v,
      takenAt: createdAt,
      previousId: rows[i + 1]?.id ?? null,
    })),
  };
}

async function versionRow(db: Db, p: RouterRef & { versionId: string }) {
  const [row] = await db
    .select({ ...listColumns, textEnc: routerConfigVersions.textEnc, routerName: routers.name })
    .from(routerConfigVersions)
    .innerJoin(routers, eq(routers.id, routerConfigVersions.routerId))
    .where(
      and(
        eq(routerConfigVersions.id, p.versionId),
        eq(routerConfigVersions.routerId, p.routerId),
        eq(routerConfigVersions.organizationId, p.orgId),
      ),
    );
  if (!row) throw new AppError('not_found');
  const { textEnc, createdAt, ...rest } = row;
  return { ...rest, takenAt: createdAt, text: decryptSecret(textEnc) };
}

/** One version with its text (decrypted for the reader; RouterOS left secrets out of it). */
export async function getConfigVersion(db: Db, p: RouterRef & { versionId: string }) {
  const version = await versionRow(db, p);
  const [org] = await db
    .select({ timeZone: organizations.timezone })
    .from(organizations)
    .where(eq(organizations.id, p.orgId));
  const fileName = configFileName({ ...version, timeZone: org?.timeZone ?? 'Asia/Jakarta' });
  return { ...version, fileName };
}

/**
 * Two versions of one router compared, older on the left: added lines, removed lines and
 * the hunks around them, the unchanged stretches folded to a count.
 */
export async function diffConfigVersions(db: Db, p: RouterRef & { fromId: string; toId: string }) {
  const [a, b] = await Promise.all([
    versionRow(db, { ...p, versionId: p.fromId }),
    versionRow(db, { ...p, versionId: p.toId }),
  ]);
  const [older, newer] = a.takenAt <= b.takenAt ? [a, b] : [b, a];
  const strip = ({ text: _t, ...v }: typeof a) => v;
  return { from: strip(older), to: strip(newer), diff: diffExports(older.text, newer.text) };
}
