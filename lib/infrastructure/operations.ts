import { z } from 'zod';
import { blankAsUndefined, optionalId } from '@/lib/server/form-input';
import { defineOperation } from '@/lib/server/operation';
import { cableSchema, deleteCable, getCable, listCables, saveCable } from './cables';
import { CABLE_TYPES, SITE_KINDS } from './constants';
import { moveInfra, moveInfraSchema } from './infra';
import { deleteOdp, getOdp, listOdpPage } from './odp-records';
import { listOdps, odpSchema, saveOdp } from './odps';
import { getInfraPhoto, photoRefSchema, photoUploadSchema, removeInfraPhoto, uploadInfraPhoto } from './photos';
import { listFreePorts, odpPortMap } from './ports';
import { deleteSite, getSite, listSites, odcChoices, saveSite, siteSchema } from './sites';
import { siteTopologyChoices } from './topology';

export const listOdpsOp = defineOperation({
  name: 'odps.list',
  permission: 'odps.view',
  input: z.object({ q: z.string().trim().max(100).optional() }),
  run: (ctx, input) => listOdps(ctx.db, { orgId: ctx.orgId, ...input }),
});

export const saveOdpOp = defineOperation({
  name: 'odps.save',
  permission: 'odps.manage',
  input: odpSchema.extend({
    odpId: blankAsUndefined(z.string().uuid()),
  }),
  run: (ctx, { odpId, ...input }) => saveOdp(ctx.db, { ...ctx.actor, odpId, input }),
});

// ---- Infrastructure records: ODPs, sites (POP/OLT/ODC/pole), cables, photos -----------------

/** A list tab's search and page (the network page's ODP, site and cable lists). */
const listPage = z.object({
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).max(10_000).optional(),
});

export const listOdpPageOp = defineOperation({
  name: 'odps.listPage',
  permission: 'odps.view',
  input: listPage.extend({ odcId: optionalId }),
  run: (ctx, input) => listOdpPage(ctx.db, { orgId: ctx.orgId, ...input }),
});

/** An ODP with who is on each of its ports. */
export const getOdpOp = defineOperation({
  name: 'odps.get',
  permission: 'odps.view',
  input: z.object({ odpId: z.string().uuid('validation.invalid') }),
  run: async (ctx, input) => {
    const odp = await getOdp(ctx.db, { orgId: ctx.orgId, ...input });
    return { odp, ports: await odpPortMap(ctx.db, { orgId: ctx.orgId, odpId: odp.id, totalPorts: odp.totalPorts }) };
  },
});

/** The ODC cabinets an ODP can hang off (the ODP form and the list's ODC filter). */
export const odcChoicesOp = defineOperation({
  name: 'sites.odcChoices',
  permission: 'odps.view',
  input: z.object({}),
  run: (ctx) => odcChoices(ctx.db, { orgId: ctx.orgId }),
});

export const listSitesOp = defineOperation({
  name: 'sites.list',
  permission: 'odps.view',
  input: listPage.extend({ kind: z.enum(SITE_KINDS).optional() }),
  run: (ctx, input) => listSites(ctx.db, { orgId: ctx.orgId, ...input }),
});

export const getSiteOp = defineOperation({
  name: 'sites.get',
  permission: 'odps.view',
  input: z.object({ siteId: z.string().uuid('validation.invalid') }),
  run: (ctx, input) => getSite(ctx.db, { orgId: ctx.orgId, ...input }),
});

export const listCablesOp = defineOperation({
  name: 'cables.list',
  permission: 'odps.view',
  input: listPage.extend({ cableType: z.enum(CABLE_TYPES).optional() }),
  run: (ctx, input) => listCables(ctx.db, { orgId: ctx.orgId, ...input }),
});

export const getCableOp = defineOperation({
  name: 'cables.get',
  permission: 'odps.view',
  input: z.object({ cableId: z.string().uuid('validation.invalid') }),
  run: (ctx, input) => getCable(ctx.db, { orgId: ctx.orgId, ...input }),
});

export const deleteOdpOp = defineOperation({
  name: 'odps.delete',
  permission: 'odps.manage',
  input: z.object({ odpId: z.string().uuid('validation.invalid') }),
  run: (ctx, input) => deleteOdp(ctx.db, { ...ctx.actor, ...input }),
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
  run: (ctx, { siteId, ...input }) => saveSite(ctx.db, { ...ctx.actor, siteId, input }),
});

export const deleteSiteOp = defineOperation({
  name: 'sites.delete',
  permission: 'odps.manage',
  input: z.object({ siteId: z.string().uuid('validation.invalid') }),
  run: (ctx, input) => deleteSite(ctx.db, { ...ctx.actor, ...input }),
});

export const saveCableOp = defineOperation({
  name: 'cables.save',
  permission: 'odps.manage',
  input: cableSchema.extend({ cableId: optionalId }),
  run: (ctx, { cableId, ...input }) => saveCable(ctx.db, { ...ctx.actor, cableId, input }),
});

export const deleteCableOp = defineOperation({
  name: 'cables.delete',
  permission: 'odps.manage',
  input: z.object({ cableId: z.string().uuid('validation.invalid') }),
  run: (ctx, input) => deleteCable(ctx.db, { ...ctx.actor, ...input }),
});

export const moveInfraOp = defineOperation({
  name: 'infra.move',
  permission: 'odps.manage',
  input: moveInfraSchema,
  run: (ctx, input) => moveInfra(ctx.db, { ...ctx.actor, ...input }),
});

export const uploadInfraPhotoOp = defineOperation({
  name: 'infra.uploadPhoto',
  permission: 'odps.manage',
  input: photoUploadSchema,
  run: (ctx, input) => uploadInfraPhoto(ctx.db, { ...ctx.actor, ...input }),
});

export const removeInfraPhotoOp = defineOperation({
  name: 'infra.removePhoto',
  permission: 'odps.manage',
  input: photoRefSchema,
  run: (ctx, input) => removeInfraPhoto(ctx.db, { ...ctx.actor, ...input }),
});

/** The photo route: which stored file to send (anyone who may see the network). */
export const infraPhotoOp = defineOperation({
  name: 'infra.photo',
  permission: 'odps.view',
  input: photoRefSchema,
  run: (ctx, input) => getInfraPhoto(ctx.db, { orgId: ctx.orgId, ...input }),
});

/** The sites and routers a site can hang off (the site form's topology fields). */
export const siteTopologyChoicesOp = defineOperation({
  name: 'sites.topologyChoices',
  permission: 'odps.view',
  input: z.object({}),
  run: (ctx) => siteTopologyChoices(ctx.db, { orgId: ctx.orgId }),
});
