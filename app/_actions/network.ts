'use server';
import type { z } from 'zod';
import {
  acceptRouterHostKeyOp,
  runConfigBackupOp,
  saveConfigBackupSettingsOp,
} from '@/lib/network/config-backups/operations';
import {
  checkRouterOp,
  confirmRouterImportOp,
  deleteRouterOp,
  kickSessionOp,
  pushProfilesOp,
  saveRouterOp,
  startRouterImportOp,
  syncRouterOp,
} from '@/lib/network/operations';
import { act } from './act';

export async function saveRouterAction(input: z.input<typeof saveRouterOp.input>) {
  return act(saveRouterOp, input, { revalidate: ['/routers'] });
}

export async function deleteRouterAction(input: z.input<typeof deleteRouterOp.input>) {
  return act(deleteRouterOp, input, { revalidate: ['/routers'] });
}

/** The following only queue a job; the page follows it through /api/jobs/<id>. */
export async function checkRouterAction(input: z.input<typeof checkRouterOp.input>) {
  return act(checkRouterOp, input);
}

export async function syncRouterAction(input: z.input<typeof syncRouterOp.input>) {
  return act(syncRouterOp, input);
}

export async function pushProfilesAction(input: z.input<typeof pushProfilesOp.input>) {
  return act(pushProfilesOp, input);
}

export async function startRouterImportAction(input: z.input<typeof startRouterImportOp.input>) {
  return act(startRouterImportOp, input);
}

export async function confirmRouterImportAction(input: z.input<typeof confirmRouterImportOp.input>) {
  return act(confirmRouterImportOp, input, { revalidate: ['/customers'] });
}

export async function kickSessionAction(input: z.input<typeof kickSessionOp.input>) {
  return act(kickSessionOp, input);
}

// Router configuration history (lib/network/config-backups).
export async function runConfigBackupAction(input: z.input<typeof runConfigBackupOp.input>) {
  return act(runConfigBackupOp, input);
}

export async function saveConfigBackupSettingsAction(input: z.input<typeof saveConfigBackupSettingsOp.input>) {
  return act(saveConfigBackupSettingsOp, input, { revalidate: (i) => [`/routers/${i.routerId}`] });
}

export async function acceptRouterHostKeyAction(input: z.input<typeof acceptRouterHostKeyOp.input>) {
  return act(acceptRouterHostKeyOp, input, { revalidate: (i) => [`/routers/${i.routerId}`] });
}
