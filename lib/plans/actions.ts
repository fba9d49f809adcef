'use server';
import { revalidatePath } from 'next/cache';
import { runAction } from '@/lib/server/action';
import { createPlanOp, setPlanActiveOp, updatePlanOp } from './operations';

export async function createPlanAction(input: unknown) {
  const result = await runAction(createPlanOp, input);
  if (result.ok) revalidatePath('/plans');
  return result;
}

export async function updatePlanAction(input: unknown) {
  const result = await runAction(updatePlanOp, input);
  if (result.ok) revalidatePath('/plans');
  return result;
}

export async function setPlanActiveAction(input: unknown) {
  const result = await runAction(setPlanActiveOp, input);
  if (result.ok) revalidatePath('/plans');
  return result;
}
