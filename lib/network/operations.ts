import { z } from 'zod';
import { defineOperation } from '@/lib/server/operation';
import { listOdps, odpSchema, saveOdp } from './odps';

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
