import { billingRun } from '@/lib/billing/jobs';
import { workerCheck } from '@/lib/jobs/jobs';
import { customerNotify } from '@/lib/messaging/jobs';
import {
  routerCheck,
  routerImport,
  routerProfiles,
  routerSync,
  sessionKick,
  subscriptionApply,
} from '@/lib/network/jobs';
import { voucherDeliver, voucherDisable, voucherSync } from '@/lib/vouchers/jobs';

/**
 * Every job there is, as lib/operations.ts lists the operations. The worker has one handler
 * for each (workers/jobs, checked by tests/unit/job-contracts.test.ts); the jobs page labels
 * them via messages `jobs.types.<name>`.
 */
export const JOB_CONTRACTS = [
  workerCheck,
  subscriptionApply,
  customerNotify,
  billingRun,
  routerCheck,
  routerSync,
  routerProfiles,
  routerImport,
  sessionKick,
  voucherDeliver,
  voucherSync,
  voucherDisable,
] as const;

export type JobType = (typeof JOB_CONTRACTS)[number]['name'];
export const JOB_TYPES: readonly JobType[] = JOB_CONTRACTS.map((c) => c.name);
