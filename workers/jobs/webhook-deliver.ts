import { handle } from '@/lib/jobs/runtime';
import { runDeliveryJob } from '@/lib/webhooks/deliver';
import { webhookDeliver } from '@/lib/webhooks/jobs';

export const webhookDeliverHandler = handle(
  webhookDeliver,
  async (payload, job) => {
    const result = await runDeliveryJob(job.db, { ...payload, orgId: job.orgId, jobId: job.jobId });
    await job.progress(1, 1);
    return result;
  },
  // Deliveries wait on receivers, not on the database: several at once.
  { batchConcurrency: 4 },
);
