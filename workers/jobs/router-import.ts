import { z } from 'zod';
import { defineJob } from '@/lib/jobs/runtime';
import { readRouterEntries, saveImportPreview } from '@/lib/network/router-import';
import { withRouter } from '../router-pool';

/** Reads PPP secrets and hotspot users off a router and keeps them for the import preview. */
export const routerImport = defineJob({
  name: 'router-import',
  payload: z.object({ routerId: z.string().uuid() }),
  async handler(ctx, payload) {
    const entries = await withRouter(ctx.db, { orgId: ctx.orgId, routerId: payload.routerId }, (api) => readRouterEntries(api));
    const saved = await saveImportPreview(ctx.db, { orgId: ctx.orgId, routerId: payload.routerId, jobId: ctx.jobId, entries });
    return { importId: saved.id, pppoe: entries.filter((e) => e.kind === 'pppoe').length, hotspot: entries.filter((e) => e.kind === 'hotspot').length };
  },
});
