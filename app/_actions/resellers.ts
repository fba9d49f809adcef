'use server';
import type { z } from 'zod';
import { saveResellerSettingsOp } from '@/lib/resellers/operations';
import { act } from './act';

export async function saveResellerSettingsAction(input: z.input<typeof saveResellerSettingsOp.input>) {
  return act(saveResellerSettingsOp, input, { revalidate: ['/resellers'] });
}
