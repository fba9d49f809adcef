import { z } from 'zod';
import { defineOperation } from '@/lib/server/operation';
import { createPlan, setPlanActive, updatePlan } from './mutations';
import { listPlans } from './queries';
import { planIdSchema, planSchema, updatePlanSchema } from './schemas';

export const listPlansOp = defineOperation({
  name: 'plans.list',
  permission: 'plans.view',
  input: z.object({ q: z.string().trim().max(100).optional(), includeInactive: z.boolean().optional() }),
  run: (ctx, input) => listPlans(ctx.db, { orgId: ctx.orgId, ...input }),
});

export const createPlanOp = defineOperation({
  name: 'plans.create',
  permission: 'plans.manage',
  input: planSchema,
  run: (ctx, input) => createPlan(ctx.db, { ...ctx.actor, input }),
});

export const updatePlanOp = defineOperation({
  name: 'plans.update',
  permission: 'plans.manage',
  input: updatePlanSchema,
  run: (ctx, { planId, ...input }) => updatePlan(ctx.db, { ...ctx.actor, planId, input }),
});

export const setPlanActiveOp = defineOperation({
  name: 'plans.setActive',
  permission: 'plans.manage',
  input: planIdSchema.extend({ active: z.boolean() }),
  run: (ctx, input) => setPlanActive(ctx.db, { ...ctx.actor, ...input }),
});
