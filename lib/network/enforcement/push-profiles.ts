import { and, eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { plans } from '@/db/schema';
import type { RouterAccess, RouterRef } from '@/lib/network/router-access';
import { ensureProfiles, type ProfileSpec } from '@/lib/network/router-ops';
import { planProfileName, planRateLimit } from '@/lib/network/router-state';

/**
 * Every active plan's profile, and the isolir profile, created or corrected on a router, for
 * PPPoE and hotspot alike (the `router-profiles` job).
 */
export async function pushProfiles(db: Database, access: RouterAccess, p: RouterRef) {
  const active = await db
    .select()
    .from(plans)
    .where(and(eq(plans.organizationId, p.orgId), eq(plans.active, true)));
  return access.use(p, async (api, router) => {
    const specs: ProfileSpec[] = [];
    for (const kind of ['pppoe', 'hotspot'] as const) {
      for (const plan of active.filter((x) => x.serviceType === kind))
        specs.push({ kind, name: planProfileName(plan), rateLimit: planRateLimit(plan) });
      specs.push({
        kind,
        name: router.isolirProfile,
        rateLimit: router.isolirRateLimit,
        addressList: router.isolirAddressList,
      });
    }
    const result = await ensureProfiles(api, specs, { update: true });
    return { ...result, profiles: specs.length };
  });
}
