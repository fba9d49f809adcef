import { onuRegister } from '@/lib/fibre/olt/jobs';
import { registerOnu } from '@/lib/fibre/olt/register';
import { handle } from '@/lib/jobs/runtime';
import { oltAccess } from '../olt-pool';
import { permanentOnRefusal } from './olt-errors';

export const onuRegisterHandler = handle(onuRegister, async (payload, job) => {
  const { requestedBy, ...input } = payload;
  const onu = await permanentOnRefusal(() =>
    registerOnu(job.db, oltAccess(job.db), { ...input, orgId: job.orgId, actorUserId: requestedBy ?? null }),
  );
  return { onuId: onu.id, onuIndex: onu.onuIndex, serial: onu.serial };
});
