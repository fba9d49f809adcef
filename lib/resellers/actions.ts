'use server';
import { revalidatePath } from 'next/cache';
import { runAction } from '@/lib/server/action';
import { saveResellerSettingsOp } from './operations';

export async function saveResellerSettingsAction(input: unknown) {
  const result = await runAction(saveResellerSettingsOp, input);
  if (result.ok) revalidatePath('/resellers');
  return result;
}
