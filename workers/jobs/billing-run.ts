import { runIsolation } from '@/lib/billing/isolation';
import { billingRun } from '@/lib/billing/jobs';
import { runBilling } from '@/lib/billing/run';
import { handle } from '@/lib/jobs/runtime';

/** The billing run, then the isolation pass; the report (with how many were isolated) is the result. */
export const billingRunHandler = handle(billingRun, async (payload, job) => {
  await job.progress(0, 2);
  const report = await runBilling(job.db, {
    orgId: job.orgId,
    period: payload.period,
    actorUserId: payload.requestedBy ?? null,
  });
  await job.progress(1, 2);
  const isolation = await runIsolation(job.db, { orgId: job.orgId });
  await job.progress(2, 2);
  return { ...report, isolated: isolation.isolated };
});
