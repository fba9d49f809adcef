'use server';
import { revalidatePath } from 'next/cache';
import { runAction } from '@/lib/server/action';
import { retryJobOp, runWorkerCheckOp } from './operations';

export async function runWorkerCheckAction(input: unknown) {
  const result = await runAction(runWorkerCheckOp, input);
  if (result.ok) revalidatePath('/jobs');
  return result;
}

export async function retryJobAction(input: unknown) {
  const result = await runAction(retryJobOp, input);
  if (result.ok) revalidatePath('/jobs');
  return result;
}
