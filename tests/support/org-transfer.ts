import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { jobs } from '@/db/schema';
import { encryptSecret } from '@/lib/crypto';
import { env } from '@/lib/env';
import { orgExport, orgImport } from '@/lib/org-transfer/jobs';
import { FORMAT, FORMAT_VERSION } from '@/lib/org-transfer/manifest';
import * as ops from '@/lib/org-transfer/operations';
import { uploadFile } from '@/lib/org-transfer/uploads';
import { ZipWriter } from '@/lib/org-transfer/zip';
import type { Result } from '@/lib/server/operation';

/** A finished export of the organization, its ZIP on disk (as the job leaves it). */
export async function makeFinishedExport(db: Database, orgId: string, userId: string) {
  const id = randomUUID();
  const file = path.posix.join(orgId, 'exports', `${id}.zip`);
  mkdirSync(path.join(env().FILES_DIR, orgId, 'exports'), { recursive: true });
  writeFileSync(path.join(env().FILES_DIR, file), 'PK export of this organization only');
  await db.insert(jobs).values({
    id,
    organizationId: orgId,
    type: orgExport.name,
    state: 'done',
    createdBy: userId,
    payload: { keyEnc: null, kdf: null },
    result: { file, bytes: 34, sha256: '0'.repeat(64), expiresAt: new Date(Date.now() + 86_400_000).toISOString() },
  });
  return id;
}

/**
 * An uploaded export as small as one can be (a manifest, no table): enough for the dry run
 * and for queueing its import, which no worker runs here.
 */
export async function makeUpload() {
  const uploadId = randomUUID();
  const file = uploadFile(env().FILES_DIR, uploadId);
  mkdirSync(path.dirname(file), { recursive: true });
  const zip = new ZipWriter(file);
  await zip.entry('data/users.jsonl', async () => {});
  zip.last('manifest.json', () =>
    JSON.stringify({
      format: FORMAT,
      formatVersion: FORMAT_VERSION,
      exportedAt: new Date().toISOString(),
      migrations: { count: 0, last: 0 },
      organization: { id: randomUUID(), name: 'Net Pindahan', slug: `pindah-${uploadId.slice(0, 8)}` },
      secrets: 'absent',
      kdf: null,
      check: null,
      tables: [],
      users: 0,
      files: { count: 0, bytes: 0 },
      entries: zip.entries,
    }),
  );
  await zip.finish();
  return uploadId;
}

/** A finished import of the super admin's, with its (encrypted) password links. */
export async function makeFinishedImport(db: Database, orgId: string, userId: string) {
  const [job] = await db
    .insert(jobs)
    .values({
      organizationId: orgId,
      type: orgImport.name,
      state: 'done',
      createdBy: userId,
      payload: { uploadId: randomUUID(), slug: null, keyEnc: null, actorUserId: userId },
      result: {
        linksEnc: encryptSecret(JSON.stringify([{ email: 'baru@pindah.test', url: 'https://x.test/reset/only-b' }])),
      },
    })
    .returning();
  return job!.id;
}

type Run = (op: never, input: unknown) => Promise<Result<unknown>>;
type Sides = { db: Database; run: Run; a: { orgId: string; userId: string }; b: { orgId: string; userId: string } };

/**
 * A's admin against B's exports: not listed, not downloaded, and A's own export request
 * queues a job in A only. Importing is a super admin's (platform): an admin is refused.
 */
export function orgTransferIsolationCases(sides: () => Sides): Record<string, () => Promise<void>> {
  const run = (op: unknown, input: unknown) => sides().run(op as never, input);
  let bExport: Promise<string> | undefined;
  const bExportId = () => (bExport ??= makeFinishedExport(sides().db, sides().b.orgId, sides().b.userId));
  const forbidden = (r: Result<unknown>) => assert.equal(!r.ok && r.code, 'forbidden');
  const bExports = async () =>
    sides()
      .db.select({ id: jobs.id })
      .from(jobs)
      .where(and(eq(jobs.organizationId, sides().b.orgId), eq(jobs.type, orgExport.name)));
  return {
    'orgTransfer.exports': async () => {
      const id = await bExportId();
      const r = await run(ops.listExportsOp, {});
      assert.ok(r.ok);
      assert.ok(!JSON.stringify(r.data).includes(id));
    },
    'orgTransfer.startExport': async () => {
      const before = await bExports();
      const r = await run(ops.startExportOp, {});
      assert.ok(r.ok, JSON.stringify(r));
      const [job] = await sides()
        .db.select({ orgId: jobs.organizationId })
        .from(jobs)
        .where(eq(jobs.id, (r.data as { jobId: string }).jobId));
      assert.equal(job!.orgId, sides().a.orgId);
      assert.deepEqual(await bExports(), before);
    },
    'orgTransfer.download': async () => {
      const r = await run(ops.downloadExportOp, { jobId: await bExportId() });
      assert.equal(!r.ok && r.code, 'not_found');
    },
    'orgTransfer.upload': async () =>
      forbidden(await run(ops.uploadImportOp, { offset: 0, total: 4, piece: new File(['PK..'], 'x.zip') })),
    'orgTransfer.inspect': async () => forbidden(await run(ops.inspectImportOp, { uploadId: await makeUpload() })),
    'orgTransfer.startImport': async () =>
      forbidden(await run(ops.startImportOp, { uploadId: await makeUpload(), slug: 'ambil-alih' })),
    'orgTransfer.importLinks': async () => {
      const id = await makeFinishedImport(sides().db, sides().b.orgId, sides().b.userId);
      const r = await run(ops.importLinksOp, { jobId: id });
      forbidden(r);
      assert.ok(!JSON.stringify(r).includes('only-b'));
    },
  };
}

/** Inputs every role's run of the permission matrix uses (each succeeds for an allowed role). */
export async function orgTransferMatrixInputs(db: Database, orgId: string, userId: string) {
  return {
    'orgTransfer.exports': {},
    // A passphrase that the export would seal the secrets with; each role's run queues one.
    'orgTransfer.startExport': { passphrase: 'kuda-lumping-42', passphraseConfirm: 'kuda-lumping-42' },
    'orgTransfer.download': { jobId: await makeFinishedExport(db, orgId, userId) },
    'orgTransfer.upload': { offset: '0', total: '4', piece: new File(['PK..'], 'export.zip') },
    'orgTransfer.inspect': { uploadId: await makeUpload() },
    'orgTransfer.startImport': { uploadId: await makeUpload(), passphrase: '' },
    'orgTransfer.importLinks': { jobId: await makeFinishedImport(db, orgId, userId) },
  };
}
