'use server';
import { revalidatePath } from 'next/cache';
import { runAction } from '@/lib/server/action';
import { importNetworkOp, previewNetworkImportOp } from '@/lib/infrastructure/map-operations';

/** The import page sends the file as FormData (file, defaultKind) for the preview and again to confirm. */
// A hand-made request may send anything else: the operation then answers with a field error.
const fields = (form: unknown) => (form instanceof FormData ? { file: form.get('file'), defaultKind: form.get('defaultKind') || undefined } : {});

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
