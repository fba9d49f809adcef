import { onuReboot } from '@/lib/fibre/olt/jobs';
import { rebootOnu } from '@/lib/fibre/olt/register';
import { handle } from '@/lib/jobs/runtime';
import { oltAccess } from '../olt-pool';
import { permanentOnRefusal } from './olt-errors';

export const onuRebootHandler = handle(onuReboot, async (payload, job) => {
  await permanentOnRefusal(() =>
    rebootOnu(job.db, oltAccess(job.db), {
      orgId: job.orgId,
      onuId: payload.onuId,
      actorUserId: payload.requestedBy ?? null,
    }),
  );
  return { rebooted: true };
});
