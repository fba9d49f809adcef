import { scanOlt } from '@/lib/fibre/olt/check';
import { oltScan } from '@/lib/fibre/olt/jobs';
import { handle } from '@/lib/jobs/runtime';
import { oltAccess } from '../olt-pool';
import { permanentOnRefusal } from './olt-errors';

export const oltScanHandler = handle(oltScan, (payload, job) =>
  permanentOnRefusal(() => scanOlt(job.db, oltAccess(job.db), { orgId: job.orgId, oltId: payload.oltId })),
);
