'use server';
import { revalidatePath } from 'next/cache';
import { runAction } from '@/lib/server/action';
import { saveOdpOp } from './operations';

export async function saveOdpAction(input: unknown) {
  const result = await runAction(saveOdpOp, input);
  if (result.ok) revalidatePath('/odps');
  return result;
}
