'use server';
import type { z } from 'zod';
import { setSignalThresholdsOp } from '@/lib/fibre/signal/operations';
import { act } from './act';

/** Levels show on customer pages, the map, the dashboard and the ONU lists. */
export async function setSignalThresholdsAction(input: z.input<typeof setSignalThresholdsOp.input>) {
  return act(setSignalThresholdsOp, input, { revalidate: [{ layout: '/' }] });
}
