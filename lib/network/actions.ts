'use server';
import { revalidatePath } from 'next/cache';
import { runAction } from '@/lib/server/action';
import {
  checkRouterOp,
  confirmRouterImportOp,
  deleteRouterOp,
  kickSessionOp,
  pushProfilesOp,
  saveRouterOp,
  startRouterImportOp,
  syncRouterOp,
} from './operations';
import { saveOdpOp } from '@/lib/infrastructure/operations';

export async function saveOdpAction(input: unknown) {
  const result = await runAction(saveOdpOp, input);
  if (result.ok) {
    revalidatePath('/network', 'layout');
    revalidatePath('/map');
  }
  return result;
}

export async function saveRouterAction(input: unknown) {
  const result = await runAction(saveRouterOp, input);
  if (result.ok) revalidatePath('/routers');
  return result;
}

export async function deleteRouterAction(input: unknown) {
  const result = await runAction(deleteRouterOp, input);
  if (result.ok) revalidatePath('/routers');
  return result;
}

/** The following only queue a job; the page follows it through /api/jobs/<id>. */
export async function checkRouterAction(input: unknown) {
  return runAction(checkRouterOp, input);
}

export async function syncRouterAction(input: unknown) {
  return runAction(syncRouterOp, input);
}

export async function pushProfilesAction(input: unknown) {
  return runAction(pushProfilesOp, input);
}

export async function startRouterImportAction(input: unknown) {
  return runAction(startRouterImportOp, input);
}

export async function confirmRouterImportAction(input: unknown) {
  const result = await runAction(confirmRouterImportOp, input);
  if (result.ok) revalidatePath('/customers');
  return result;
}

export async function kickSessionAction(input: unknown) {
  return runAction(kickSessionOp, input);
}
