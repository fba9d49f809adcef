'use server';
import type { z } from 'zod';
import { retryJobOp, runWorkerCheckOp } from '@/lib/jobs/operations';
import { act } from './act';

export async function runWorkerCheckAction(input: z.input<typeof runWorkerCheckOp.input>) {
  return act(runWorkerCheckOp, input, { revalidate: ['/jobs'] });
}

export async function retryJobAction(input: z.input<typeof retryJobOp.input>) {
  return act(retryJobOp, input, { revalidate: ['/jobs'] });
}
