import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { routerConfigState, routers } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { enqueue } from '@/lib/jobs/enqueue';
import { routerConfigBackup } from '@/lib/network/jobs';
import { AppError } from '@/lib/server/errors';
import { checkbox } from '@/lib/server/form-input';
import type { Actor } from '@/lib/server/operation';
import { configBackupStatus } from './queries';

export const configBackupSettingsSchema = z.object({
  sshPort: z.coerce
    .number('validation.port')
    .int('validation.port')
    .min(1, 'validation.port')
    .max(65535, 'validation.port'),
  // A checkbox: unticked sends nothing.
  enabled: checkbox,
  keep: z.coerce
    .number('validation.invalid')
    .int('validation.invalid')
    .min(1, 'validation.configKeepRange')
    .max(365, 'validation.configKeepRange'),
});
export type ConfigBackupSettings = z.output<typeof configBackupSettingsSchema>;

/**
 * "Back up configuration now": one job for the worker (the web app never connects). A run
 * already waiting or in progress for this router is followed instead of queuing another.
 */
export async function requestConfigBackup(db: Db, p: Actor & { routerId: string }) {
  return db.transaction(async (tx) => {
    // Locks the router row: two taps at once queue one job.
    const [router] = await tx
      .select({ id: routers.id })
      .from(routers)
      .where(and(eq(routers.id, p.routerId), eq(routers.organizationId, p.orgId)))
      .for('update');
    if (!router) throw new AppError('not_found');
    const status = await configBackupStatus(tx, p);
    if (status.runningJobId) return { jobId: status.runningJobId, queued: false };
    const job = await enqueue(tx, routerConfigBackup, {
      orgId: p.orgId,
      payload: { routerId: p.routerId, trigger: 'manual' },
      createdBy: p.actorUserId,
    });
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'router.config_backup_requested',
      entityType: 'router',
      entityId: p.routerId,
      data: { jobId: job.id },
    });
    return { jobId: job.id, queued: true };
  });
}

/** SSH port, the daily backup on or off, and how many versions to keep (older ones go at the next new version). */
export async function saveConfigBackupSettings(db: Db, p: Actor & { routerId: string; input: ConfigBackupSettings }) {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ sshPort: routers.sshPort, enabled: routers.configBackupEnabled, keep: routers.configBackupKeep })
      .from(routers)
      .where(and(eq(routers.id, p.routerId), eq(routers.organizationId, p.orgId)))
      .for('update');
    if (!before) throw new AppError('not_found');
    await tx
      .update(routers)
      .set({
        sshPort: p.input.sshPort,
        configBackupEnabled: p.input.enabled,
        configBackupKeep: p.input.keep,
        updatedAt: sql`now()`,
      })
      .where(and(eq(routers.id, p.routerId), eq(routers.organizationId, p.orgId)));
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'router.config_settings_updated',
      entityType: 'router',
      entityId: p.routerId,
      data: { before, after: p.input },
    });
    return { saved: true };
  });
}

/**
 * The admin trusts the host key the router presented (after checking it on the router:
 * `/ip ssh print` or the console). Only the key the admin was shown and compared: the page
 * sends its fingerprint, and when another key was recorded as waiting in the meantime (a
 * run in between met yet another key: someone on the path) nothing is trusted. If yet
 * another key answers next time, it is refused again.
 */
export async function acceptRouterHostKey(db: Db, p: Actor & { routerId: string; fingerprint: string }) {
  return db.transaction(async (tx) => {
    const [state] = await tx
      .select()
      .from(routerConfigState)
      .where(and(eq(routerConfigState.routerId, p.routerId), eq(routerConfigState.organizationId, p.orgId)))
      .for('update');
    if (!state?.pendingHostKeyFingerprint) {
      // Another router's id, or this one with nothing waiting: the same answer as for B's.
      const [router] = await tx
        .select({ id: routers.id })
        .from(routers)
        .where(and(eq(routers.id, p.routerId), eq(routers.organizationId, p.orgId)));
      throw new AppError(router ? 'router_host_key_not_waiting' : 'not_found');
    }
    if (state.pendingHostKeyFingerprint !== p.fingerprint.trim())
      throw new AppError('router_host_key_other', { fingerprint: state.pendingHostKeyFingerprint });
    await tx
      .update(routerConfigState)
      .set({
        hostKeyFingerprint: state.pendingHostKeyFingerprint,
        hostKeyType: state.pendingHostKeyType,
        hostKeyTrustedAt: sql`now()`,
        pendingHostKeyFingerprint: null,
        pendingHostKeyType: null,
        pendingHostKeySeenAt: null,
        updatedAt: sql`now()`,
      })
      .where(eq(routerConfigState.routerId, p.routerId));
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'router.host_key_accepted',
      entityType: 'router',
      entityId: p.routerId,
      data: { before: state.hostKeyFingerprint, after: state.pendingHostKeyFingerprint },
    });
    return { fingerprint: state.pendingHostKeyFingerprint };
  });
}
