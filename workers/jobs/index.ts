import type { JobDefinition } from '@/lib/jobs/runtime';
import type { z } from 'zod';
import { billingRun } from './billing-run';
import { customerNotify } from './customer-notify';
import { subscriptionApply } from './subscription-apply';
import { workerCheck } from './worker-check';

/** Every job the worker runs; a name here must also be in lib/jobs/types.ts. */
export const JOBS: JobDefinition<z.ZodType>[] = [workerCheck, subscriptionApply, customerNotify, billingRun];
