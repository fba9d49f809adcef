'use server';
import type { z } from 'zod';
import {
  importLinksOp,
  inspectImportOp,
  startExportOp,
  startImportOp,
  uploadImportOp,
} from '@/lib/org-transfer/operations';
import { act } from './act';

export async function startExportAction(input: z.input<typeof startExportOp.input>) {
  return act(startExportOp, input, { revalidate: ['/settings/export'] });
}

/** One piece (≤ 8 MB) of an export ZIP to import, appended on disk. */
export async function uploadImportAction(input: z.input<typeof uploadImportOp.input>) {
  return act(uploadImportOp, input);
}

/** The dry run of an uploaded export. */
export async function inspectImportAction(input: z.input<typeof inspectImportOp.input>) {
  return act(inspectImportOp, input);
}

export async function startImportAction(input: z.input<typeof startImportOp.input>) {
  return act(startImportOp, input);
}

/** The password links of the people a finished import created. */
export async function importLinksAction(input: z.input<typeof importLinksOp.input>) {
  return act(importLinksOp, input, { revalidate: ['/admin/organizations'] });
}
