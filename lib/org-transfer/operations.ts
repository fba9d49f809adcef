import { z } from 'zod';
import { defineOperation } from '@/lib/server/operation';
import { exportDownload, listExports, requestExport } from './exports';
import { importLinks, requestImport } from './imports';
import { inspectExport } from './inspect';
import { inspectSchema, jobIdSchema, startExportSchema, startImportSchema, uploadPieceSchema } from './schemas';
import { receivePiece, uploadedFile } from './uploads';

/** The organization's recent exports (Pengaturan → Ekspor data). */
export const listExportsOp = defineOperation({
  name: 'orgTransfer.exports',
  permission: 'organization.export',
  input: z.object({}),
  run: (ctx) => listExports(ctx.db, { orgId: ctx.orgId }),
});

export const startExportOp = defineOperation({
  name: 'orgTransfer.startExport',
  permission: 'organization.export',
  input: startExportSchema,
  run: (ctx, input) => requestExport(ctx.db, { ...ctx.actor, passphrase: input.passphrase }),
});

/** A finished export's file (the download route streams it). */
export const downloadExportOp = defineOperation({
  name: 'orgTransfer.download',
  permission: 'organization.export',
  input: jobIdSchema,
  run: (ctx, input) => exportDownload(ctx.db, { ...ctx.actor, jobId: input.jobId }),
});

/** A piece of an export ZIP to import on this install (super admin, /admin/organizations). */
export const uploadImportOp = defineOperation({
  name: 'orgTransfer.upload',
  permission: 'platform.organizations',
  input: uploadPieceSchema,
  run: (_ctx, input) => receivePiece(input),
});

/** The dry run: what the upload holds and what would clash here. */
export const inspectImportOp = defineOperation({
  name: 'orgTransfer.inspect',
  permission: 'platform.organizations',
  input: inspectSchema,
  run: async (ctx, input) => inspectExport(ctx.db, { file: await uploadedFile(input), passphrase: input.passphrase }),
});

export const startImportOp = defineOperation({
  name: 'orgTransfer.startImport',
  permission: 'platform.organizations',
  input: startImportSchema,
  run: (ctx, input) => requestImport(ctx.db, { ...ctx.actor, ...input }),
});

/** The one-time password links of the people the import created. */
export const importLinksOp = defineOperation({
  name: 'orgTransfer.importLinks',
  permission: 'platform.organizations',
  input: jobIdSchema,
  run: (ctx, input) => importLinks(ctx.db, { orgId: ctx.orgId, jobId: input.jobId }),
});
