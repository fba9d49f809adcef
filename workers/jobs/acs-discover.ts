import { acsAccess } from '@/lib/fibre/acs/access';
import { acsDiscover } from '@/lib/fibre/acs/jobs';
import { discoverModems } from '@/lib/fibre/acs/modem';
import { handle } from '@/lib/jobs/runtime';
import { permanentAcsError } from './acs-errors';

export const acsDiscoverHandler = handle(acsDiscover, (payload, job) =>
  discoverModems(job.db, acsAccess(job.db), { ...payload, orgId: job.orgId }).catch(permanentAcsError),
);
