import { z } from 'zod';
import { defineOperation } from '@/lib/server/operation';
import { dashboardSummary } from './summary';

export const dashboardOp = defineOperation({
  name: 'dashboard.get',
  permission: 'dashboard.view',
  input: z.object({}),
  run: (ctx) => dashboardSummary(ctx.db, { orgId: ctx.orgId, role: ctx.role }),
});
