import { handle } from '@/lib/jobs/runtime';
import { pushProfiles } from '@/lib/network/enforcement/push-profiles';
import { routerProfiles } from '@/lib/network/jobs';
import { routerAccess } from '../router-pool';

export const routerProfilesHandler = handle(routerProfiles, (payload, job) =>
  pushProfiles(job.db, routerAccess(job.db), { orgId: job.orgId, routerId: payload.routerId }),
);
