import { handle } from '@/lib/jobs/runtime';
import { notifyCustomer } from '@/lib/messaging/customer-events';
import { customerNotify } from '@/lib/messaging/jobs';

export const customerNotifyHandler = handle(customerNotify, async (payload, job) => {
  const result = await notifyCustomer(job.db, { ...payload, orgId: job.orgId, jobId: job.jobId });
  await job.progress(1, 1);
  return result;
});
