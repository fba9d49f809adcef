import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { acsServers } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { encryptSecret } from '@/lib/crypto';
import { enqueue } from '@/lib/jobs/enqueue';
import { assertRouterHostAllowed } from '@/lib/network/router-address';
import { AppError } from '@/lib/server/errors';
import type { Actor } from '@/lib/server/operation';
import type { AcsAccess } from './access';
import { AcsError } from './errors';
import { acsCheck } from './jobs';

const httpUrl = z
  .string()
  .trim()
  .max(300, 'validation.tooLong')
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'http:' || u.protocol === 'https:') && !u.username && !u.password && u.hostname !== '';
    } catch {
      return false;
    }
  }, 'validation.acsUrl');

const blankable = (max: number) => z.string().trim().max(max, 'validation.tooLong').default('');

/**
 * The GenieACS connection form: the NBI the worker calls (port 7557; a blank password keeps
 * the stored one) and what modems are given (the ACS URL, port 7547, and CWMP credentials).
 */
export const acsSettingsSchema = z.object({
  nbiUrl: httpUrl,
  nbiUsername: blankable(100),
  nbiPassword: blankable(200),
  acsUrl: z.union([z.literal(''), httpUrl]).default(''),
  cwmpUsername: blankable(100),
  cwmpPassword: blankable(200),
});
export type AcsSettingsInput = z.output<typeof acsSettingsSchema>;

/** What the settings page shows: passwords only as "set" (never sent to the browser). */
export async function getAcsSettings(db: Db, p: { orgId: string }) {
  const [s] = await db.select().from(acsServers).where(eq(acsServers.organizationId, p.orgId));
  if (!s) return null;
  return {
    nbiUrl: s.nbiUrl,
    nbiUsername: s.nbiUsername ?? '',
    nbiPasswordSet: Boolean(s.nbiPasswordEnc),
    acsUrl: s.acsUrl ?? '',
    cwmpUsername: s.cwmpUsername ?? '',
    cwmpPasswordSet: Boolean(s.cwmpPasswordEnc),
    lastCheckedAt: s.lastCheckedAt,
    lastError: s.lastError,
  };
}

/** Whether the organization uses an ACS (the modem card is hidden entirely otherwise). */
export async function hasAcs(db: Db, p: { orgId: string }) {
  const [s] = await db
    .select({ id: acsServers.organizationId })
    .from(acsServers)
    .where(eq(acsServers.organizationId, p.orgId));
  return Boolean(s);
}

/** Saves the connection, audited without secrets (which fields changed, never their values). */
export async function saveAcsSettings(db: Db, p: Actor & { input: AcsSettingsInput }) {
  const { input } = p;
  try {
    await assertRouterHostAllowed(new URL(input.nbiUrl).hostname.replace(/^\[(.*)\]$/, '$1'));
  } catch (error) {
    if (error instanceof AppError && error.fieldErrors?.host)
      throw new AppError('validation', {}, { nbiUrl: 'validation.nbiHost' });
    throw error;
  }
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(acsServers).where(eq(acsServers.organizationId, p.orgId)).for('update');
    const values = {
      nbiUrl: input.nbiUrl,
      nbiUsername: input.nbiUsername || null,
      acsUrl: input.acsUrl || null,
      cwmpUsername: input.cwmpUsername || null,
      ...(input.nbiPassword ? { nbiPasswordEnc: encryptSecret(input.nbiPassword) } : {}),
      ...(input.cwmpPassword ? { cwmpPasswordEnc: encryptSecret(input.cwmpPassword) } : {}),
      updatedAt: new Date(),
    };
    await tx
      .insert(acsServers)
      .values({ organizationId: p.orgId, ...values })
      .onConflictDoUpdate({ target: acsServers.organizationId, set: values });
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'acs.settings_saved',
      entityType: 'acs_server',
      entityId: p.orgId,
      data: {
        nbiUrl: input.nbiUrl,
        nbiUsername: input.nbiUsername || null,
        acsUrl: input.acsUrl || null,
        cwmpUsername: input.cwmpUsername || null,
        nbiPasswordChanged: Boolean(input.nbiPassword),
        cwmpPasswordChanged: Boolean(input.cwmpPassword),
        created: !before,
      },
    });
    return { saved: true };
  });
}

/** "Test connection": a job (the web app never calls the NBI), audited. */
export async function requestAcsCheck(db: Db, p: Actor) {
  return db.transaction(async (tx) => {
    if (!(await hasAcs(tx, p))) throw new AppError('acs_not_configured');
    const job = await enqueue(tx, acsCheck, { orgId: p.orgId, payload: {}, createdBy: p.actorUserId });
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'acs.check_requested',
      entityType: 'acs_server',
      entityId: p.orgId,
      data: { jobId: job.id },
    });
    return { jobId: job.id };
  });
}

/**
 * The acs-check job: one cheap NBI query (`GET /devices/?query={}&projection=_id`, limit 1).
 * A failure is the answer, not an error: stored on the connection and returned with its kind.
 */
export async function checkAcs(db: Db, acs: AcsAccess, p: { orgId: string }) {
  const started = Date.now();
  let result: { ok: true; ms: number } | { ok: false; ms: number; errorKind: string; message: string };
  try {
    const nbi = await acs.nbi(p.orgId);
    await nbi.findDevices({}, { projection: ['_id'], limit: 1 });
    result = { ok: true, ms: Date.now() - started };
  } catch (error) {
    if (!(error instanceof AcsError)) throw error;
    result = { ok: false, ms: Date.now() - started, errorKind: error.kind, message: error.message };
  }
  await db
    .update(acsServers)
    .set({ lastCheckedAt: sql`now()`, lastError: result.ok ? null : `[${result.errorKind}] ${result.message}` })
    .where(eq(acsServers.organizationId, p.orgId));
  return result;
}
