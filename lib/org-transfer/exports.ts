import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Database, Db } from '@/db/client';
import { jobs, organizations, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { decryptSecret, encryptSecret } from '@/lib/crypto';
import { env } from '@/lib/env';
import type { JobProgress } from '@/lib/jobs/contract';
import { enqueue } from '@/lib/jobs/enqueue';
import { AppError } from '@/lib/server/errors';
import type { Actor } from '@/lib/server/operation';
import { exportOrganization, type LeftOutSecret } from './export';
import { exportFileName } from './file-name';
import { asJobError } from './job-errors';
import { orgExport } from './jobs';
import type { KdfParams } from './manifest';
import { deriveKey, newKdf } from './secrets';

const DAY = 86_400_000;

/** Where an organization's exports are kept: FILES_DIR/<organization>/exports/<job>.zip. */
export const exportFolder = (filesDir: string, orgId: string) => path.join(filesDir, orgId, 'exports');

/** What a finished export job keeps as its result (the jobs page shows it: no secret in it). */
export type ExportJobResult = {
  file: string;
  bytes: number;
  sha256: string;
  expiresAt: string;
  secrets: 'absent' | 'passphrase';
  rows: number;
  users: number;
  files: number;
  /**
   * Secrets this install could not decrypt (damaged), left out as if without a passphrase: the
   * first LEFT_OUT_LISTED of them (record and field) and how many in all.
   */
  leftOut?: LeftOutSecret[];
  leftOutCount?: number;
};

/** How many left-out secrets the job's result names one by one (a wrong key would be every one). */
export const LEFT_OUT_LISTED = 100;

const OPEN = ['queued', 'running', 'retrying'] as const;

/**
 * Queues the export. With a passphrase, its key is derived here (scrypt, a fresh salt) and
 * only the key goes to the job, encrypted with this install's key: the passphrase is in no row.
 */
export async function requestExport(db: Db, p: Actor & { passphrase: string | null }) {
  return db.transaction(async (tx) => {
    // One export at a time per organization: a second click waits for the first.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('org-export'), hashtext(${p.orgId}))`);
    const [open] = await tx
      .select({ id: jobs.id })
      .from(jobs)
      .where(and(eq(jobs.organizationId, p.orgId), eq(jobs.type, orgExport.name), inArray(jobs.state, [...OPEN])))
      .limit(1);
    if (open) throw new AppError('export_running');
    const kdf = p.passphrase ? newKdf() : null;
    const keyEnc = kdf ? encryptSecret((await deriveKey(p.passphrase!, kdf)).toString('base64url')) : null;
    const job = await enqueue(tx, orgExport, { orgId: p.orgId, payload: { keyEnc, kdf }, createdBy: p.actorUserId });
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      action: 'org_transfer.export_requested',
      entityType: 'organization',
      entityId: p.orgId,
      ip: p.ip,
      data: { jobId: job.id, passphrase: Boolean(kdf) },
    });
    return { jobId: job.id };
  });
}

/** The job's key, gone from its payload once the job has used it (or failed). */
export async function forgetJobKey(db: Db, p: { orgId: string; jobId: string }) {
  await db.execute(
    sql`update jobs set payload = jsonb_set(payload, '{keyEnc}', 'null') where id = ${p.jobId} and organization_id = ${p.orgId}`,
  );
}

/** Exports older than the days they are kept, removed (each new export tidies up first). */
async function removeExpired(folder: string, keepDays: number) {
  const names = await readdir(folder).catch(() => [] as string[]);
  for (const name of names) {
    const file = path.join(folder, name);
    const info = await stat(file).catch(() => null);
    if (info && Date.now() - info.mtimeMs > keepDays * DAY) await rm(file, { force: true });
  }
}

/** The worker's side of an export: the ZIP, under a temporary name until it is whole. */
export async function runExportJob(
  db: Database,
  p: {
    orgId: string;
    jobId: string;
    keyEnc: string | null;
    kdf: KdfParams | null;
    filesDir?: string;
    progress?: JobProgress;
  },
): Promise<ExportJobResult> {
  const filesDir = p.filesDir ?? env().FILES_DIR;
  const keepDays = env().ORG_EXPORT_KEEP_DAYS;
  const folder = exportFolder(filesDir, p.orgId);
  try {
    // A retry from the jobs page: the key was wiped when the first run ended.
    if (p.kdf && !p.keyEnc) asJobError(new AppError('export_key_gone'));
    await mkdir(folder, { recursive: true });
    await removeExpired(folder, keepDays);
    const key = p.keyEnc && p.kdf ? Buffer.from(decryptSecret(p.keyEnc), 'base64url') : null;
    const part = path.join(folder, `${p.jobId}.zip.part`);
    const result = await exportOrganization(db, {
      orgId: p.orgId,
      filesDir,
      outFile: part,
      passphrase: key && p.kdf ? { key, kdf: p.kdf } : null,
      progress: p.progress,
    }).catch(async (error) => {
      await rm(part, { force: true });
      return asJobError(error);
    });
    await rename(part, path.join(folder, `${p.jobId}.zip`));
    const m = result.manifest;
    return {
      file: path.posix.join(p.orgId, 'exports', `${p.jobId}.zip`),
      bytes: result.bytes,
      sha256: result.sha256,
      expiresAt: new Date(Date.now() + keepDays * DAY).toISOString(),
      secrets: m.secrets,
      rows: m.tables.reduce((a, t) => a + t.rows, 0),
      users: m.users,
      files: m.files.count,
      leftOut: result.leftOut.slice(0, LEFT_OUT_LISTED),
      leftOutCount: result.leftOut.length,
    };
  } finally {
    await forgetJobKey(db, p);
  }
}

/** The organization's recent exports, newest first, each with whether it can still be downloaded. */
export async function listExports(db: Db, p: { orgId: string; filesDir?: string }) {
  const filesDir = p.filesDir ?? env().FILES_DIR;
  const rows = await db
    .select({
      id: jobs.id,
      state: jobs.state,
      progressDone: jobs.progressDone,
      progressTotal: jobs.progressTotal,
      result: jobs.result,
      error: jobs.error,
      createdAt: jobs.createdAt,
      finishedAt: jobs.finishedAt,
      createdByName: users.name,
    })
    .from(jobs)
    .leftJoin(users, eq(users.id, jobs.createdBy))
    .where(and(eq(jobs.organizationId, p.orgId), eq(jobs.type, orgExport.name)))
    .orderBy(desc(jobs.createdAt), desc(jobs.id))
    .limit(10);
  const items = [];
  for (const { result, ...row } of rows) {
    const r = result as Partial<ExportJobResult> | null;
    const available = row.state === 'done' && r?.file ? await downloadable(filesDir, p.orgId, r) : false;
    items.push({
      ...row,
      bytes: r?.bytes ?? null,
      expiresAt: r?.expiresAt ?? null,
      secrets: r?.secrets ?? null,
      rows: r?.rows ?? null,
      leftOut: r?.leftOut ?? [],
      leftOutCount: r?.leftOutCount ?? 0,
      available,
    });
  }
  return { items, running: rows.find((r) => (OPEN as readonly string[]).includes(r.state))?.id ?? null };
}

async function downloadable(filesDir: string, orgId: string, r: Partial<ExportJobResult>) {
  if (!r.file || !r.expiresAt || new Date(r.expiresAt).getTime() < Date.now()) return false;
  // The job's own record names the file; it must still be this organization's export.
  if (path.posix.normalize(r.file) !== r.file || !r.file.startsWith(`${orgId}/exports/`)) return false;
  return Boolean(await stat(path.join(filesDir, r.file)).catch(() => null));
}

/** A finished export of this organization, for download (audited: who took the data, when). */
export async function exportDownload(db: Db, p: Actor & { jobId: string; filesDir?: string }) {
  const filesDir = p.filesDir ?? env().FILES_DIR;
  const [job] = await db
    .select({
      state: jobs.state,
      result: jobs.result,
      createdAt: jobs.createdAt,
      slug: organizations.slug,
      timeZone: organizations.timezone,
    })
    .from(jobs)
    .innerJoin(organizations, eq(organizations.id, jobs.organizationId))
    .where(and(eq(jobs.id, p.jobId), eq(jobs.organizationId, p.orgId), eq(jobs.type, orgExport.name)));
  if (job?.state !== 'done') throw new AppError('not_found');
  const r = job.result as Partial<ExportJobResult>;
  if (!(await downloadable(filesDir, p.orgId, r))) throw new AppError('export_gone');
  await recordAudit(db, {
    orgId: p.orgId,
    actorUserId: p.actorUserId,
    action: 'org_transfer.export_downloaded',
    entityType: 'organization',
    entityId: p.orgId,
    ip: p.ip,
    data: { jobId: p.jobId, bytes: r.bytes ?? null },
  });
  const fileName = exportFileName({ slug: job.slug, requestedAt: job.createdAt, timeZone: job.timeZone });
  return { path: path.join(filesDir, r.file!), fileName, bytes: r.bytes ?? 0 };
}
