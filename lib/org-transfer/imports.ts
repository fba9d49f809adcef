import { rm } from 'node:fs/promises';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database, Db } from '@/db/client';
import { jobs } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { decryptSecret, encryptSecret } from '@/lib/crypto';
import { env } from '@/lib/env';
import type { JobProgress } from '@/lib/jobs/contract';
import { enqueue } from '@/lib/jobs/enqueue';
import { AppError } from '@/lib/server/errors';
import type { Actor } from '@/lib/server/operation';
import { forgetJobKey } from './exports';
import { importOrganization } from './import';
import { keyFor, openExport } from './inspect';
import { asJobError } from './job-errors';
import { orgImport } from './jobs';
import { uploadedFile } from './uploads';

/** What a finished import job keeps: the new organization, and the reset links encrypted. */
export type ImportJobResult = {
  organizationId: string;
  name: string;
  slug: string;
  rows: number;
  files: number;
  linkedUsers: number;
  newUsers: number;
  linksEnc: string;
};

/**
 * Queues the import of an uploaded export. The passphrase (when given) is checked here
 * against the export's check value, and only its key goes to the job, encrypted.
 */
export async function requestImport(
  db: Db,
  p: Actor & { uploadId: string; slug: string | null; passphrase: string | null },
) {
  const file = await uploadedFile(p);
  const { zip, manifest } = await openExport(file);
  zip.close();
  const key = await keyFor(manifest, p.passphrase);
  const [found] = await db.execute<{ id: boolean; slug: boolean }>(sql`
    select exists (select 1 from organizations where id = ${manifest.organization.id}::uuid) as id,
           exists (select 1 from organizations where slug = ${p.slug ?? manifest.organization.slug}) as slug`);
  if (found?.id) throw new AppError('import_exists');
  if (found?.slug) throw new AppError('slug_taken', {}, { slug: 'errors.slug_taken' });
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('org-import'), hashtext(${p.uploadId}))`);
    const [open] = await tx
      .select({ id: jobs.id })
      .from(jobs)
      .where(
        and(
          eq(jobs.type, orgImport.name),
          inArray(jobs.state, ['queued', 'running', 'retrying']),
          sql`${jobs.payload}->>'uploadId' = ${p.uploadId}`,
        ),
      )
      .limit(1);
    if (open) throw new AppError('import_running');
    const job = await enqueue(tx, orgImport, {
      orgId: p.orgId,
      payload: {
        uploadId: p.uploadId,
        slug: p.slug,
        keyEnc: key ? encryptSecret(key.toString('base64url')) : null,
        sealed: Boolean(key),
        actorUserId: p.actorUserId,
      },
      createdBy: p.actorUserId,
    });
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      action: 'org_transfer.import_requested',
      entityType: 'organization',
      entityId: manifest.organization.id,
      ip: p.ip,
      data: { jobId: job.id, name: manifest.organization.name, slug: p.slug ?? manifest.organization.slug },
    });
    return { jobId: job.id };
  });
}

/** The worker's side of an import; the upload goes once it is an organization. */
export async function runImportJob(
  db: Database,
  p: {
    orgId: string;
    jobId: string;
    uploadId: string;
    slug: string | null;
    keyEnc: string | null;
    sealed: boolean;
    actorUserId: string | null;
    filesDir?: string;
    progress?: JobProgress;
  },
): Promise<ImportJobResult> {
  const filesDir = p.filesDir ?? env().FILES_DIR;
  try {
    // A retry from the jobs page: the key was wiped when the first run ended.
    if (p.sealed && !p.keyEnc) asJobError(new AppError('import_key_gone'));
    const file = await uploadedFile({ uploadId: p.uploadId, filesDir }).catch(asJobError);
    const result = await importOrganization(db, {
      file,
      filesDir,
      key: p.keyEnc ? Buffer.from(decryptSecret(p.keyEnc), 'base64url') : null,
      slug: p.slug,
      actorUserId: p.actorUserId,
      appUrl: env().APP_URL,
      progress: p.progress,
    }).catch(asJobError);
    await rm(file, { force: true });
    const { links, ...rest } = result;
    return { ...rest, linksEnc: encryptSecret(JSON.stringify(links)) };
  } finally {
    await forgetJobKey(db, p);
  }
}

/** The reset links of the users an import created, for the super admin who imported. */
export async function importLinks(db: Db, p: { orgId: string; jobId: string }) {
  const [job] = await db
    .select({ state: jobs.state, result: jobs.result })
    .from(jobs)
    .where(and(eq(jobs.id, p.jobId), eq(jobs.organizationId, p.orgId), eq(jobs.type, orgImport.name)));
  const linksEnc = (job?.result as Partial<ImportJobResult> | null)?.linksEnc;
  if (job?.state !== 'done' || !linksEnc) throw new AppError('not_found');
  return { links: JSON.parse(decryptSecret(linksEnc)) as { email: string; url: string }[] };
}
