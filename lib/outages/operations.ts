import { z } from 'zod';
import { OUTAGE_ELEMENT_TYPES } from '@/db/enums';
import { defineOperation } from '@/lib/server/operation';
import { searchElements } from './element-search';
import {
  confirmOutage,
  creditOutageDowntime,
  dismissOutage,
  markOutageDown,
  previewOutageCredit,
  resolveOutage,
} from './mutations';
import { countCurrentOutages, getOutage, listAffectedCustomers, listOutages, previewOutage } from './queries';
import { affectedPageSchema, listOutagesSchema, markDownSchema, outageIdSchema, previewSchema } from './schemas';

export const listOutagesOp = defineOperation({
  name: 'outages.list',
  permission: 'outages.view',
  input: listOutagesSchema,
  run: (ctx, input) => listOutages(ctx.db, { orgId: ctx.orgId, ...input }),
});

export const countOutagesOp = defineOperation({
  name: 'outages.counts',
  permission: 'outages.view',
  input: z.object({}),
  run: (ctx) => countCurrentOutages(ctx.db, { orgId: ctx.orgId }),
});

export const getOutageOp = defineOperation({
  name: 'outages.get',
  permission: 'outages.view',
  input: outageIdSchema,
  run: (ctx, input) => getOutage(ctx.db, { orgId: ctx.orgId, ...input }),
});

export const listAffectedOp = defineOperation({
  name: 'outages.affected',
  permission: 'outages.view',
  input: affectedPageSchema,
  run: (ctx, input) => listAffectedCustomers(ctx.db, { orgId: ctx.orgId, ...input }),
});

/** How many customers marking this element down would cut off (shown in the confirmation). */
export const previewOutageOp = defineOperation({
  name: 'outages.preview',
  permission: 'outages.view',
  input: previewSchema,
  run: (ctx, input) =>
    previewOutage(ctx.db, {
      orgId: ctx.orgId,
      element: { type: input.elementType, id: input.elementId, odpPort: input.odpPort },
    }),
});

export const searchElementsOp = defineOperation({
  name: 'outages.elements',
  permission: 'outages.manage',
  input: z.object({
    type: z.enum(OUTAGE_ELEMENT_TYPES, 'validation.invalid'),
    q: z.string().trim().max(100).optional(),
  }),
  run: (ctx, input) => searchElements(ctx.db, { orgId: ctx.orgId, ...input }),
});

export const markDownOp = defineOperation({
  name: 'outages.markDown',
  permission: 'outages.manage',
  input: markDownSchema,
  run: (ctx, input) => markOutageDown(ctx.db, { ...ctx.actor, input }),
});

export const confirmOutageOp = defineOperation({
  name: 'outages.confirm',
  permission: 'outages.manage',
  input: outageIdSchema,
  run: (ctx, input) => confirmOutage(ctx.db, { ...ctx.actor, ...input }),
});

export const dismissOutageOp = defineOperation({
  name: 'outages.dismiss',
  permission: 'outages.manage',
  input: outageIdSchema,
  run: (ctx, input) => dismissOutage(ctx.db, { ...ctx.actor, ...input }),
});

export const resolveOutageOp = defineOperation({
  name: 'outages.resolve',
  permission: 'outages.manage',
  input: outageIdSchema,
  run: (ctx, input) => resolveOutage(ctx.db, { ...ctx.actor, ...input }),
});

export const creditOutageOp = defineOperation({
  name: 'outages.credit',
  permission: 'outages.credit',
  input: outageIdSchema,
  run: (ctx, input) => creditOutageDowntime(ctx.db, { ...ctx.actor, ...input }),
});

/** What crediting would give (count and total), for the confirmation. */
export const previewCreditOp = defineOperation({
  name: 'outages.creditPreview',
  permission: 'outages.credit',
  input: outageIdSchema,
  run: (ctx, input) => previewOutageCredit(ctx.db, { orgId: ctx.orgId, ...input }),
});
