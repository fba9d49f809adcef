'use server';
import type { z } from 'zod';
import {
  checkBackupTargetOp,
  removeBackupTargetOp,
  runBackupNowOp,
  saveBackupSettingsOp,
  saveBackupTargetOp,
} from '@/lib/backups/operations';
import { act } from './act';

const PAGES = ['/admin/backups', '/'];

export async function runBackupNowAction(input: z.input<typeof runBackupNowOp.input>) {
  return act(runBackupNowOp, input, { revalidate: PAGES });
}

export async function saveBackupSettingsAction(input: z.input<typeof saveBackupSettingsOp.input>) {
  return act(saveBackupSettingsOp, input, { revalidate: PAGES });
}

export async function saveBackupTargetAction(input: z.input<typeof saveBackupTargetOp.input>) {
  return act(saveBackupTargetOp, input, { revalidate: PAGES });
}

export async function removeBackupTargetAction(input: z.input<typeof removeBackupTargetOp.input>) {
  return act(removeBackupTargetOp, input, { revalidate: PAGES });
}

export async function checkBackupTargetAction(input: z.input<typeof checkBackupTargetOp.input>) {
  return act(checkBackupTargetOp, input, { revalidate: PAGES });
}
