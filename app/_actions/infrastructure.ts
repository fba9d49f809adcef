'use server';
import type { z } from 'zod';
import { importNetworkOp, previewNetworkImportOp } from '@/lib/infrastructure/map-operations';
import {
  deleteCableOp,
  deleteOdpOp,
  deleteSiteOp,
  listFreePortsOp,
  moveInfraOp,
  removeInfraPhotoOp,
  saveCableOp,
  saveOdpOp,
  saveSiteOp,
  uploadInfraPhotoOp,
} from '@/lib/infrastructure/operations';
import { act, type Page } from './act';

/** The network list and detail pages and the map read these records. */
const NETWORK_PAGES: Page[] = [{ layout: '/network' }, '/map'];

export async function saveOdpAction(input: z.input<typeof saveOdpOp.input>) {
  return act(saveOdpOp, input, { revalidate: NETWORK_PAGES });
}

export async function deleteOdpAction(input: z.input<typeof deleteOdpOp.input>) {
  return act(deleteOdpOp, input, { revalidate: NETWORK_PAGES });
}

export async function saveSiteAction(input: z.input<typeof saveSiteOp.input>) {
  return act(saveSiteOp, input, { revalidate: NETWORK_PAGES });
}

export async function deleteSiteAction(input: z.input<typeof deleteSiteOp.input>) {
  return act(deleteSiteOp, input, { revalidate: NETWORK_PAGES });
}

export async function saveCableAction(input: z.input<typeof saveCableOp.input>) {
  return act(saveCableOp, input, { revalidate: NETWORK_PAGES });
}

export async function deleteCableAction(input: z.input<typeof deleteCableOp.input>) {
  return act(deleteCableOp, input, { revalidate: NETWORK_PAGES });
}

export async function moveInfraAction(input: z.input<typeof moveInfraOp.input>) {
  return act(moveInfraOp, input, { revalidate: NETWORK_PAGES });
}

export async function uploadInfraPhotoAction(input: z.input<typeof uploadInfraPhotoOp.input>) {
  return act(uploadInfraPhotoOp, input, { revalidate: NETWORK_PAGES });
}

export async function removeInfraPhotoAction(input: z.input<typeof removeInfraPhotoOp.input>) {
  return act(removeInfraPhotoOp, input, { revalidate: NETWORK_PAGES });
}

export async function listFreePortsAction(input: z.input<typeof listFreePortsOp.input>) {
  return act(listFreePortsOp, input);
}

/**
 * The import page sends the file as FormData (file, defaultKind) for the preview and again to
 * confirm. Its entries go on unchecked: a hand-made request may send anything else, and the
 * operation's schema then answers with a field error.
 */
const fields = (form: unknown) =>
  (form instanceof FormData
    ? { file: form.get('file'), defaultKind: form.get('defaultKind') || undefined }
    : {}) as z.input<typeof importNetworkOp.input>;

export async function previewNetworkImportAction(form: FormData) {
  return act(previewNetworkImportOp, fields(form));
}

export async function importNetworkAction(form: FormData) {
  return act(importNetworkOp, fields(form), { revalidate: ['/network', '/map'] });
}
