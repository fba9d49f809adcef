'use server';
import { revalidatePath } from 'next/cache';
import { runAction } from '@/lib/server/action';
import {
  deleteCableOp,
  deleteOdpOp,
  deleteSiteOp,
  listFreePortsOp,
  moveInfraOp,
  removeInfraPhotoOp,
  saveCableOp,
  saveSiteOp,
  uploadInfraPhotoOp,
} from '@/lib/infrastructure/operations';

/** The network list and detail pages and the map read these records. */
function refreshNetworkPages() {
  revalidatePath('/network', 'layout');
  revalidatePath('/map');
}

export async function saveSiteAction(input: unknown) {
  const result = await runAction(saveSiteOp, input);
  if (result.ok) refreshNetworkPages();
  return result;
}

export async function deleteSiteAction(input: unknown) {
  const result = await runAction(deleteSiteOp, input);
  if (result.ok) refreshNetworkPages();
  return result;
}

export async function saveCableAction(input: unknown) {
  const result = await runAction(saveCableOp, input);
  if (result.ok) refreshNetworkPages();
  return result;
}

export async function deleteCableAction(input: unknown) {
  const result = await runAction(deleteCableOp, input);
  if (result.ok) refreshNetworkPages();
  return result;
}

export async function deleteOdpAction(input: unknown) {
  const result = await runAction(deleteOdpOp, input);
  if (result.ok) refreshNetworkPages();
  return result;
}

export async function moveInfraAction(input: unknown) {
  const result = await runAction(moveInfraOp, input);
  if (result.ok) refreshNetworkPages();
  return result;
}

export async function uploadInfraPhotoAction(input: unknown) {
  const result = await runAction(uploadInfraPhotoOp, input);
  if (result.ok) refreshNetworkPages();
  return result;
}

export async function removeInfraPhotoAction(input: unknown) {
  const result = await runAction(removeInfraPhotoOp, input);
  if (result.ok) refreshNetworkPages();
  return result;
}

export async function listFreePortsAction(input: unknown) {
  return runAction(listFreePortsOp, input);
}
