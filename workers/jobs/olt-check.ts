import { checkOlt } from '@/lib/fibre/olt/check';
import { oltCheck } from '@/lib/fibre/olt/jobs';
import { handle } from '@/lib/jobs/runtime';
import { oltAccess } from '../olt-pool';
import { permanentOnRefusal } from './olt-errors';

export const oltCheckHandler = handle(oltCheck, (payload, job) =>
  permanentOnRefusal(() => checkOlt(job.db, oltAccess(job.db), { orgId: job.orgId, oltId: payload.oltId })),
);
