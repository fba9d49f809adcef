import { onuOptics } from '@/lib/fibre/olt/jobs';
import { readOnuOptics } from '@/lib/fibre/olt/register';
import { handle } from '@/lib/jobs/runtime';
import { oltAccess } from '../olt-pool';
import { permanentOnRefusal } from './olt-errors';

export const onuOpticsHandler = handle(onuOptics, (payload, job) =>
  permanentOnRefusal(() => readOnuOptics(job.db, oltAccess(job.db), { orgId: job.orgId, onuId: payload.onuId })),
);
