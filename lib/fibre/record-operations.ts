import { z } from 'zod';
import { optionalId } from '@/lib/server/form-input';
import { defineOperation } from '@/lib/server/operation';
import {
  createPonPort,
  deleteOlt,
  getOlt,
  listOlts,
  OLT_MODEL_SUGGESTIONS,
  oltChoices,
  oltSchema,
  oltSiteChoices,
  saveOlt,
} from './olts';
import { assignOnuSubscription, exportOnus, getOnu, listOnus, onuCountsByOlt, onuFilterSchema } from './onus';
import {
  deletePonPort,
  FEED_KINDS,
  listPonPorts,
  ponPortChoices,
  ponPortSchema,
  searchFeedTargets,
  setFeed,
  updatePonPort,
} from './pon-ports';

const id = z.string().uuid('validation.invalid');
const oltRef = z.object({ oltId: id });

/** The OLT list with each OLT's ONU counts by state and level (one grouped query). */
export const listOltsOp = defineOperation({
  name: 'olts.list',
  permission: 'olts.view',
  input: z.object({ q: z.string().trim().max(100).optional() }),
  run: async (ctx, input) => {
    const [items, counts] = await Promise.all([
      listOlts(ctx.db, { orgId: ctx.orgId, ...input }),
      onuCountsByOlt(ctx.db, { orgId: ctx.orgId }),
    ]);
    return items.map((o) => ({ ...o, onus: counts(o.id) }));
  },
});

/** An OLT with its PON ports (ONU counts, ODCs/ODPs fed) and its ONU counts. */
export const getOltOp = defineOperation({
  name: 'olts.get',
  permission: 'olts.view',
  input: oltRef,
  run: async (ctx, input) => {
    const olt = await getOlt(ctx.db, { orgId: ctx.orgId, ...input });
    const [ports, counts] = await Promise.all([
      listPonPorts(ctx.db, { orgId: ctx.orgId, oltId: olt.id }),
      onuCountsByOlt(ctx.db, { orgId: ctx.orgId, oltId: olt.id }),
    ]);
    return { olt, ports, onus: counts(olt.id) };
  },
});

/** What the OLT form offers: OLT sites on the map, model suggestions, and the OLT itself when editing. */
export const oltFormOp = defineOperation({
  name: 'olts.form',
  permission: 'olts.manage',
  input: z.object({ oltId: optionalId }),
  run: async (ctx, input) => {
    const [sites, olt] = await Promise.all([
      oltSiteChoices(ctx.db, { orgId: ctx.orgId }),
      input.oltId ? getOlt(ctx.db, { orgId: ctx.orgId, oltId: input.oltId }) : null,
    ]);
    return { sites, models: OLT_MODEL_SUGGESTIONS, olt };
  },
});

export const saveOltOp = defineOperation({
  name: 'olts.save',
  permission: 'olts.manage',
  input: oltSchema.extend({ oltId: optionalId }),
  run: async (ctx, { oltId, ...input }) => {
    const row = await saveOlt(ctx.db, { ...ctx.actor, oltId, input });
    return { id: row.id };
  },
});

export const deleteOltOp = defineOperation({
  name: 'olts.delete',
  permission: 'olts.manage',
  input: oltRef,
  run: (ctx, input) => deleteOlt(ctx.db, { ...ctx.actor, ...input }),
});

/** OLT names for the ONU list's filter. */
export const oltChoicesOp = defineOperation({
  name: 'olts.choices',
  permission: 'olts.view',
  input: z.object({}),
  run: (ctx) => oltChoices(ctx.db, { orgId: ctx.orgId }),
});

/** Adds a PON port by hand (no `ponPortId`) or renames / describes one. */
export const savePonPortOp = defineOperation({
  name: 'ponPorts.save',
  permission: 'olts.manage',
  input: ponPortSchema.extend({ oltId: id, ponPortId: optionalId }),
  run: async (ctx, { oltId, ponPortId, ...input }) => {
    const row = ponPortId
      ? await updatePonPort(ctx.db, { ...ctx.actor, ponPortId, name: input.name, description: input.description })
      : await createPonPort(ctx.db, { ...ctx.actor, oltId, ...input });
    return { id: row.id, oltId: row.oltId };
  },
});

export const deletePonPortOp = defineOperation({
  name: 'ponPorts.delete',
  permission: 'olts.manage',
  input: z.object({ ponPortId: id }),
  run: (ctx, input) => deletePonPort(ctx.db, { ...ctx.actor, ...input }),
});

/** Links an ODC or ODP to a PON port (blank `ponPortId` unlinks it). */
export const setPonFeedOp = defineOperation({
  name: 'ponPorts.setFeed',
  permission: 'olts.manage',
  input: z.object({
    kind: z.enum(FEED_KINDS, 'validation.invalid'),
    targetId: id,
    ponPortId: z.union([z.literal('').transform(() => null), z.null(), id]),
  }),
  run: (ctx, input) => setFeed(ctx.db, { ...ctx.actor, ...input }),
});

export const ponFeedTargetsOp = defineOperation({
  name: 'ponPorts.feedTargets',
  permission: 'olts.manage',
  input: z.object({ ponPortId: id, q: z.string().trim().max(100).optional() }),
  run: (ctx, input) => searchFeedTargets(ctx.db, { orgId: ctx.orgId, ...input }),
});

/** Every PON port as "OLT · port": the ODP and ODC forms' select. */
export const ponPortChoicesOp = defineOperation({
  name: 'ponPorts.choices',
  permission: 'olts.view',
  input: z.object({}),
  run: (ctx) => ponPortChoices(ctx.db, { orgId: ctx.orgId }),
});

const onuListInput = onuFilterSchema.extend({
  page: z.coerce.number().int().min(1).max(10_000).optional(),
});

export const listOnusOp = defineOperation({
  name: 'onus.list',
  permission: 'olts.view',
  input: onuListInput,
  run: (ctx, input) => listOnus(ctx.db, { orgId: ctx.orgId, ...input }),
});

export const exportOnusOp = defineOperation({
  name: 'onus.export',
  permission: 'olts.view',
  input: onuFilterSchema.extend({ format: z.enum(['csv', 'xlsx']).default('csv') }),
  run: (ctx, input) => exportOnus(ctx.db, { orgId: ctx.orgId, locale: ctx.locale, ...input }),
});

export const getOnuOp = defineOperation({
  name: 'onus.get',
  permission: 'olts.view',
  input: z.object({ onuId: id }),
  run: (ctx, input) => getOnu(ctx.db, { orgId: ctx.orgId, ...input }),
});

/** Gives an ONU to a subscription of this organization, or takes it away (blank). */
export const assignOnuSubscriptionOp = defineOperation({
  name: 'onus.assignSubscription',
  permission: 'olts.manage',
  input: z.object({ onuId: id, subscriptionId: z.union([z.literal('').transform(() => null), z.null(), id]) }),
  run: (ctx, input) => assignOnuSubscription(ctx.db, { ...ctx.actor, ...input }),
});
