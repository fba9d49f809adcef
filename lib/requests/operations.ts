import { z } from 'zod';
import { recordAudit } from '@/lib/audit/record';
import { getOrganization } from '@/lib/organizations/queries';
import { defineOperation } from '@/lib/server/operation';
import { decideServiceRequest } from './decide';
import {
  countPendingRequests,
  getServiceRequest,
  listServiceRequests,
  planNames,
  serviceRequestsForExport,
} from './queries';
import { decideSchema, listRequestsSchema, requestIdSchema } from './schemas';
import { requestsSheet } from './sheet';

export const listServiceRequestsOp = defineOperation({
  name: 'requests.list',
  permission: 'requests.view',
  input: listRequestsSchema,
  run: async (ctx, input) => ({
    page: await listServiceRequests(ctx.db, { orgId: ctx.orgId, ...input }),
    planNames: await planNames(ctx.db, { orgId: ctx.orgId }),
  }),
});

export const getServiceRequestOp = defineOperation({
  name: 'requests.get',
  permission: 'requests.view',
  input: requestIdSchema,
  run: (ctx, { id }) => getServiceRequest(ctx.db, { orgId: ctx.orgId, id }),
});

export const countPendingRequestsOp = defineOperation({
  name: 'requests.pendingCount',
  permission: 'requests.view',
  input: z.object({}),
  run: (ctx) => countPendingRequests(ctx.db, { orgId: ctx.orgId }),
});

export const decideServiceRequestOp = defineOperation({
  name: 'requests.decide',
  permission: 'requests.decide',
  input: decideSchema,
  run: (ctx, input) => decideServiceRequest(ctx.db, { ...ctx.actor, input }),
});

/**
 * The list as CSV. Like the other list exports it carries names and phone numbers, so it
 * takes the reports permission and the download is audited.
 */
export const exportServiceRequestsOp = defineOperation({
  name: 'requests.export',
  permission: 'reports.view',
  input: listRequestsSchema.omit({ cursor: true }),
  run: async (ctx, filter) => {
    const { rows, truncated } = await serviceRequestsForExport(ctx.db, { orgId: ctx.orgId, ...filter });
    const sheet = requestsSheet(ctx.locale, rows, await planNames(ctx.db, { orgId: ctx.orgId }));
    await recordAudit(ctx.db, {
      orgId: ctx.orgId,
      actorUserId: ctx.actor.actorUserId,
      ip: ctx.actor.ip,
      action: 'exports.requests',
      entityType: 'service_request',
      data: { format: 'csv', filters: filter, rows: rows.length, truncated },
    });
    const org = await getOrganization(ctx.db, ctx.orgId);
    return { sheet, truncated, format: 'csv' as const, timezone: org?.timezone ?? 'Asia/Jakarta' };
  },
});
