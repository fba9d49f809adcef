import { onuRemove } from '@/lib/fibre/olt/jobs';
import { removeOnu } from '@/lib/fibre/olt/register';
import { handle } from '@/lib/jobs/runtime';
import { oltAccess } from '../olt-pool';
import { permanentOnRefusal } from './olt-errors';

export const onuRemoveHandler = handle(onuRemove, async (payload, job) => {
  await permanentOnRefusal(() =>
    removeOnu(job.db, oltAccess(job.db), {
      orgId: job.orgId,
      onuId: payload.onuId,
      actorUserId: payload.requestedBy ?? null,
    }),
  );
  return { removed: true };
});
