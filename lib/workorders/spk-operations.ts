import { z } from 'zod';
import { defineOperation } from '@/lib/server/operation';
import { getSpkData } from './spk';

/** The printable SPK's data; the route renders it in the reader's language (app/api/work-orders/[id]/spk). */
export const workOrderSpkOp = defineOperation({
  name: 'workorders.spk',
  permission: 'workorders.view',
  input: z.object({ workOrderId: z.string().uuid('validation.invalid') }),
  run: (ctx, input) =>
    getSpkData(ctx.db, { orgId: ctx.orgId, userId: ctx.userId, role: ctx.role, workOrderId: input.workOrderId }),
});
