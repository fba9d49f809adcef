import { z } from 'zod';
import { defineJob } from './contract';

/** Proves the worker is alive and reaches the database; the answer is shown on the jobs page. */
export const workerCheck = defineJob({
  name: 'worker-check',
  maxAttempts: 3,
  payload: z.object({}).passthrough(),
});
