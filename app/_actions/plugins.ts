'use server';
import type { z } from 'zod';
import { savePluginOp, setPluginEnabledOp } from '@/lib/plugins/operations';
import { act } from './act';

export async function savePluginAction(input: z.input<typeof savePluginOp.input>) {
  return act(savePluginOp, input, { revalidate: ['/plugins'] });
}

export async function setPluginEnabledAction(input: z.input<typeof setPluginEnabledOp.input>) {
  return act(setPluginEnabledOp, input, { revalidate: ['/plugins'] });
}
