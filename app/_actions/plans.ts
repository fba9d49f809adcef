'use server';
import type { z } from 'zod';
import { createPlanOp, setPlanActiveOp, updatePlanOp } from '@/lib/plans/operations';
import { act } from './act';

export async function createPlanAction(input: z.input<typeof createPlanOp.input>) {
  return act(createPlanOp, input, { revalidate: ['/plans'] });
}

export async function updatePlanAction(input: z.input<typeof updatePlanOp.input>) {
  return act(updatePlanOp, input, { revalidate: ['/plans'] });
}

export async function setPlanActiveAction(input: z.input<typeof setPlanActiveOp.input>) {
  return act(setPlanActiveOp, input, { revalidate: ['/plans'] });
}
