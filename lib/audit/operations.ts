import { z } from 'zod';
import { defineOperation } from '@/lib/server/operation';
import { listAuditActions, listAuditApiKeys, listAuditLogs } from './queries';

export const listAuditOp = defineOperation({
  name: 'audit.list',
  permission: 'audit.view',
  input: z.object({
    action: z.string().max(60).optional(),
    entityType: z.string().max(60).optional(),
    actorUserId: z.string().uuid().optional(),
    apiKeyId: z.string().uuid().optional(),
    q: z.string().trim().max(100).optional(),
    from: z.coerce.date().optional(),
    to: z.coerce.date().optional(),
    cursor: z.string().max(200).optional(),
  }),
  run: async (ctx, input) => ({
    page: await listAuditLogs(ctx.db, { orgId: ctx.orgId, ...input }),
    actions: await listAuditActions(ctx.db, ctx.orgId),
    apiKeys: await listAuditApiKeys(ctx.db, ctx.orgId),
  }),
});
