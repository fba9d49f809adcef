'use server';
import type { z } from 'zod';
import { lockDeviceMacOp } from '@/lib/inventory/field-operations';
import { act } from './act';

export async function lockDeviceMacAction(input: z.input<typeof lockDeviceMacOp.input>) {
  return act(lockDeviceMacOp, input, { revalidate: ['/customers'] });
}
