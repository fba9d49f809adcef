import { type Ctx, defineOperation } from '@/lib/server/operation';
import { getActivation } from './queries';
import { activationRefSchema, retryActivation, startActivation, startActivationSchema } from './start';

const who = (ctx: Ctx) => ({ orgId: ctx.orgId, userId: ctx.userId, role: ctx.role, ip: ctx.ip });
/** A technician sees only the work orders they are on; NOC and admins see every one. */
const onlyAssignedTo = (ctx: Ctx) => (ctx.role === 'technician' ? ctx.userId : undefined);

// ---- The technician's phone (route handlers under app/api/field/work-orders/[id]/activation) ----

export const fieldActivationOp = defineOperation({
  name: 'activation.fieldGet',
  permission: 'workorders.field',
  input: activationRefSchema,
  run: (ctx, input) =>
    getActivation(ctx.db, { orgId: ctx.orgId, ...input, locale: ctx.locale, onlyAssignedTo: onlyAssignedTo(ctx) }),
});

export const startActivationOp = defineOperation({
  name: 'activation.start',
  permission: 'workorders.field',
  input: startActivationSchema,
  run: (ctx, input) => startActivation(ctx.db, who(ctx), input),
});

export const retryActivationOp = defineOperation({
  name: 'activation.retry',
  permission: 'workorders.field',
  input: activationRefSchema,
  run: (ctx, input) => retryActivation(ctx.db, who(ctx), input),
});

// ---- The office's work order page (read only) ------------------------------------------------

export const activationOp = defineOperation({
  name: 'activation.get',
  permission: 'workorders.view',
  input: activationRefSchema,
  run: (ctx, input) =>
    getActivation(ctx.db, { orgId: ctx.orgId, ...input, locale: ctx.locale, onlyAssignedTo: onlyAssignedTo(ctx) }),
});
