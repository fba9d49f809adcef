import { z } from 'zod';
import { defineJob } from '@/lib/jobs/contract';

/** A billing run (then the isolation pass) asked for from the billing page; the report is its result. */
export const billingRun = defineJob({
  name: 'billing-run',
  maxAttempts: 3,
  payload: z.object({
    period: z.string().regex(/^\d{4}-\d{2}-01$/),
    requestedBy: z.string().uuid().nullable().optional(),
  }),
});
