import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { plans } from '@/db/schema';
import { defineJob } from '@/lib/jobs/runtime';
import { ensureProfiles, type ProfileSpec } from '@/lib/network/router-ops';
import { planProfileName, planRateLimit } from '@/lib/network/router-state';
import { withRouter } from '../router-pool';

/** Creates or corrects every active plan's profile, and the isolir profile, on a router. */
export const routerProfiles = defineJob({
  name: 'router-profiles',
  payload: z.object({ routerId: z.string().uuid() }),
  async handler(ctx, payload) {
    const active = await ctx.db.select().from(plans).where(and(eq(plans.organizationId, ctx.orgId), eq(plans.active, true)));
    return withRouter(ctx.db, { orgId: ctx.orgId, routerId: payload.routerId }, async (api, router) => {
      const specs: ProfileSpec[] = [];
      for (const kind of ['pppoe', 'hotspot'] as const) {
        for (const plan of active.filter((p) => p.serviceType === kind)) specs.push({ kind, name: planProfileName(plan), rateLimit: planRateLimit(plan) });
        specs.push({ kind, name: router.isolirProfile, rateLimit: router.isolirRateLimit, addressList: router.isolirAddressList });
      }
      const result = await ensureProfiles(api, specs, { update: true });
      return { ...result, profiles: specs.length };
    });
  },
});
