import { z } from 'zod';
import { defineOperation, type Ctx } from '@/lib/server/operation';
import { SESSION_KINDS } from './constants';
import { listOdps, odpSchema, saveOdp } from './odps';
import { deleteCable, cableSchema, saveCable } from './cables';
import { moveInfra, moveInfraSchema } from './infra';
import { deleteOdp } from './odp-records';
import { getInfraPhoto, photoRefSchema, photoUploadSchema, removeInfraPhoto, uploadInfraPhoto } from './photos';
import { listFreePorts } from './ports';
import { deleteSite, saveSite, siteSchema } from './sites';
import { confirmImport, confirmImportSchema, getImportPreview } from './router-import';
import { requestProfilePush, requestRouterCheck, requestRouterImport, requestRouterSync, requestSessionKick, routerJobs } from './router-jobs';
import { deleteRouter, getRouter, listRouters, routerSchema, saveRouter } from './routers';
import { listSessions } from './sessions';

export const listOdpsOp = defineOperation({
  name: 'odps.list',
  permission: 'odps.view',
  input: z.object({ q: z.string().trim().max(100).optional() }),
  run: (ctx, input) => listOdps(ctx.db, { orgId: ctx.orgId, ...input }),
});

export const saveOdpOp = defineOperation({
  name: 'odps.save',
  permission: 'odps.manage',
  input: odpSchema.extend({ odpId: z.string().uuid().optional().or(z.literal('').transform(() => undefined)) }),
  run: (ctx, { odpId, ...input }) => saveOdp(ctx.db, { orgId: ctx.orgId, actorUserId: ctx.userId, ip: ctx.ip, odpId, input }),
});

const actor = (ctx: Ctx) => ({ orgId: ctx.orgId, actorUserId: ctx.userId, ip: ctx.ip });
const optionalId = z.string().uuid('validation.invalid').optional().or(z.literal('').transform(() => undefined));

// ---- Infrastructure records: ODPs, sites (POP/OLT/ODC/pole), cables, photos -----------------

export const deleteOdpOp = defineOperation({
  name: 'odps.delete',
  permission: 'odps.manage',
  input: z.object({ odpId: z.string().uuid('validation.invalid') }),
  run: (ctx, input) => deleteOdp(ctx.db, { ...actor(ctx), ...input }),
});

/** Free ports of an ODP, for the port select when a customer's ODP changes. */
export const listFreePortsOp = defineOperation({
  name: 'odps.freePorts',
  permission: 'odps.view',
  input: z.object({ odpId: z.string().uuid('validation.invalid') }),
  run: (ctx, input) => listFreePorts(ctx.db, { orgId: ctx.orgId, ...input }),
});

export const saveSiteOp = defineOperation({
  name: 'sites.save',
  permission: 'odps.manage',
  input: siteSchema.extend({ siteId: optionalId }),
  run: (ctx, { siteId, ...input }) => saveSite(ctx.db, { ...actor(ctx), siteId, input }),
});

export const deleteSiteOp = defineOperation({
  name: 'sites.delete',
  permission: 'odps.manage',
  input: z.object({ siteId: z.string().uuid('validation.invalid') }),
  run: (ctx, input) => deleteSite(ctx.db, { ...actor(ctx), ...input }),
});

export const saveCableOp = defineOperation({
  name: 'cables.save',
  permission: 'odps.manage',
  input: cableSchema.extend({ cableId: optionalId }),
  run: (ctx, { cableId, ...input }) => saveCable(ctx.db, { ...actor(ctx), cableId, input }),
});

export const deleteCableOp = defineOperation({
  name: 'cables.delete',
  permission: 'odps.manage',
  input: z.object({ cableId: z.string().uuid('validation.invalid') }),
  run: (ctx, input) => deleteCable(ctx.db, { ...actor(ctx), ...input }),
});

export const moveInfraOp = defineOperation({
  name: 'infra.move',
  permission: 'odps.manage',
  input: moveInfraSchema,
  run: (ctx, input) => moveInfra(ctx.db, { ...actor(ctx), ...input }),
});

export const uploadInfraPhotoOp = defineOperation({
  name: 'infra.uploadPhoto',
  permission: 'odps.manage',
  input: photoUploadSchema,
  run: (ctx, input) => uploadInfraPhoto(ctx.db, { ...actor(ctx), ...input }),
});

export const removeInfraPhotoOp = defineOperation({
  name: 'infra.removePhoto',
  permission: 'odps.manage',
  input: photoRefSchema,
  run: (ctx, input) => removeInfraPhoto(ctx.db, { ...actor(ctx), ...input }),
});

/** The photo route: which stored file to send (anyone who may see the network). */
export const infraPhotoOp = defineOperation({
  name: 'infra.photo',
  permission: 'odps.view',
  input: photoRefSchema,
  run: (ctx, input) => getInfraPhoto(ctx.db, { orgId: ctx.orgId, ...input }),
});
const routerRef = z.object({ routerId: z.string().uuid('validation.invalid') });

export const listRoutersOp = defineOperation({
  name: 'routers.list',
  permission: 'routers.view',
  input: z.object({ q: z.string().trim().max(100).optional(), page: z.coerce.number().int().min(1).max(10_000).optional() }),
  run: (ctx, input) => listRouters(ctx.db, { orgId: ctx.orgId, ...input }),
});

export const getRouterOp = defineOperation({
  name: 'routers.get',
  permission: 'routers.view',
  input: routerRef,
  run: async (ctx, input) => ({ router: await getRouter(ctx.db, { orgId: ctx.orgId, ...input }), jobs: await routerJobs(ctx.db, { orgId: ctx.orgId, ...input }) }),
});

export const saveRouterOp = defineOperation({
  name: 'routers.save',
  permission: 'routers.manage',
  input: routerSchema.extend({ routerId: optionalId }).superRefine((v, issue) => {
    if (!v.routerId && !v.password) issue.addIssue({ code: 'custom', path: ['password'], message: 'validation.required' });
  }),
  run: (ctx, { routerId, ...input }) => saveRouter(ctx.db, { ...actor(ctx), routerId, input }),
});

export const deleteRouterOp = defineOperation({
  name: 'routers.delete',
  permission: 'routers.manage',
  input: routerRef,
  run: (ctx, input) => deleteRouter(ctx.db, { ...actor(ctx), ...input }),
});

export const checkRouterOp = defineOperation({
  name: 'routers.check',
  permission: 'routers.manage',
  input: routerRef,
  run: (ctx, input) => requestRouterCheck(ctx.db, { ...actor(ctx), ...input }),
});

export const syncRouterOp = defineOperation({
  name: 'routers.sync',
  permission: 'routers.sync',
  input: routerRef.extend({ subscriptionId: optionalId, removeExtra: z.boolean().default(false) }),
  run: (ctx, input) => requestRouterSync(ctx.db, { ...actor(ctx), ...input }),
});

export const pushProfilesOp = defineOperation({
  name: 'routers.pushProfiles',
  permission: 'routers.sync',
  input: routerRef,
  run: (ctx, input) => requestProfilePush(ctx.db, { ...actor(ctx), ...input }),
});

export const startRouterImportOp = defineOperation({
  name: 'routers.importStart',
  permission: 'routers.import',
  input: routerRef,
  run: (ctx, input) => requestRouterImport(ctx.db, { ...actor(ctx), ...input }),
});

export const routerImportPreviewOp = defineOperation({
  name: 'routers.importPreview',
  permission: 'routers.import',
  input: z.object({ importId: z.string().uuid('validation.invalid') }),
  run: (ctx, input) => getImportPreview(ctx.db, { orgId: ctx.orgId, ...input }),
});

export const confirmRouterImportOp = defineOperation({
  name: 'routers.importConfirm',
  permission: 'routers.import',
  input: confirmImportSchema,
  run: (ctx, input) => confirmImport(ctx.db, { ...actor(ctx), input }),
});

export const listSessionsOp = defineOperation({
  name: 'sessions.list',
  permission: 'sessions.view',
  input: z.object({
    routerId: optionalId,
    kind: z.enum(SESSION_KINDS).optional().or(z.literal('').transform(() => undefined)),
    q: z.string().trim().max(100).optional(),
    page: z.coerce.number().int().min(1).max(10_000).optional(),
  }),
  run: (ctx, input) => listSessions(ctx.db, { orgId: ctx.orgId, ...input }),
});

export const kickSessionOp = defineOperation({
  name: 'sessions.kick',
  permission: 'sessions.kick',
  input: z.object({ sessionId: z.string().uuid('validation.invalid') }),
  run: (ctx, input) => requestSessionKick(ctx.db, { ...actor(ctx), ...input }),
});
