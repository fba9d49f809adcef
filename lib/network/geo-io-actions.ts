'use server';
import { revalidatePath } from 'next/cache';
import { runAction } from '@/lib/server/action';
import { importNetworkOp, previewNetworkImportOp } from './map-operations';

/** The import page sends the file as FormData (file, defaultKind) for the preview and again to confirm. */
const fields = (form: FormData) => ({ file: form.get('file'), defaultKind: form.get('defaultKind') || undefined });

export async function previewNetworkImportAction(form: FormData) {
  return runAction(previewNetworkImportOp, fields(form));
}

export async function importNetworkAction(form: FormData) {
  const result = await runAction(importNetworkOp, fields(form));
  if (result.ok) {
    revalidatePath('/network');
    revalidatePath('/map');
  }
  return result;
}
