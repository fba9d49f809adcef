import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { type BackupTarget, backupTargets, jobs } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import type { SftpStoreOptions } from './stores/sftp';
import { targetLabel } from './targets';

/** Who a worker's connection acts for in the audit log: the job's organization and who queued it. */
export type HostKeyWitness = { orgId: string; actorUserId: string | null; jobId: string };

/** The organization and requester of a job, for the audit of what the job changed. */
export async function witnessOfJob(db: Db, jobId: string): Promise<HostKeyWitness | null> {
  const [job] = await db
    .select({ orgId: jobs.organizationId, actorUserId: jobs.createdBy })
    .from(jobs)
    .where(eq(jobs.id, jobId));
  return job ? { ...job, jobId } : null;
}

/**
 * Trust on first use for an SFTP target saved without a host key: the key its server presented
 * at the first connection that logged in (a *Uji* or a run) is saved on the target, audited,
 * and every later connection must meet the same key. Saved only while the target still has
 * none (two connections at once save the first; a key typed in meanwhile wins). Returns the key
 * the target expects now (this one, or the one saved meanwhile), or null when the target is gone.
 */
export async function trustFirstHostKey(
  db: Db,
  p: HostKeyWitness & { targetId: string; sha256: string },
): Promise<string | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(backupTargets)
      .set({
        config: sql`${backupTargets.config} || jsonb_build_object('hostKeySha256', ${p.sha256}::text)`,
        updatedAt: sql`now()`,
      })
      .where(
        and(
          eq(backupTargets.id, p.targetId),
          eq(backupTargets.kind, 'sftp'),
          sql`coalesce(${backupTargets.config}->>'hostKeySha256', '') = ''`,
        ),
      )
      .returning();
    if (!row) {
      const [saved] = await tx
        .select({ sha256: sql<string | null>`${backupTargets.config}->>'hostKeySha256'` })
        .from(backupTargets)
        .where(eq(backupTargets.id, p.targetId));
      return saved?.sha256 || null;
    }
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      action: 'backup.target_host_key_trusted',
      entityType: 'backup_target',
      entityId: row.id,
      data: { name: row.name, where: targetLabel(row), fingerprint: `SHA256:${p.sha256}`, jobId: p.jobId },
    });
    return p.sha256;
  });
}

/**
 * The store options that save a first host key on the target, for a connection made by a job.
 * Without a witness (a command-line run) nothing is saved: the key stays unchecked there.
 */
export function firstHostKeyOptions(
  db: Db,
  target: Pick<BackupTarget, 'id' | 'kind'>,
  witness: HostKeyWitness | null,
): Pick<SftpStoreOptions, 'onFirstHostKey'> {
  if (target.kind !== 'sftp' || !witness) return {};
  return {
    onFirstHostKey: (sha256) => trustFirstHostKey(db, { ...witness, targetId: target.id, sha256 }),
  };
}
