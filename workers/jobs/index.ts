import type { JobDefinition } from '@/lib/jobs/runtime';
import type { z } from 'zod';
import { billingRun } from './billing-run';
import { customerNotify } from './customer-notify';
import { routerCheck } from './router-check';
import { routerImport } from './router-import';
import { routerProfiles } from './router-profiles';
import { routerSync } from './router-sync';
import { sessionKick } from './session-kick';
import { subscriptionApply } from './subscription-apply';
import { voucherDeliver } from './voucher-deliver';
import { voucherDisable } from './voucher-disable';
import { voucherSync } from './voucher-sync';
import { workerCheck } from './worker-check';

/** Every job the worker runs; a name here must also be in lib/jobs/types.ts. */
export const JOBS: JobDefinition<z.ZodType>[] = [
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
];
