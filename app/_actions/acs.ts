'use server';
import type { z } from 'zod';
import {
  checkAcsOp,
  factoryResetModemOp,
  findModemOp,
  modemCardOp,
  pushPppoeOp,
  rebootModemOp,
  refreshModemOp,
  saveAcsSettingsOp,
  setWifiOp,
} from '@/lib/fibre/acs/operations';
import { act } from './act';

export async function saveAcsSettingsAction(input: z.input<typeof saveAcsSettingsOp.input>) {
  return act(saveAcsSettingsOp, input, { revalidate: ['/settings/acs', '/settings'] });
}

/** "Test connection": a job; the page follows it. */
export async function checkAcsAction(input: z.input<typeof checkAcsOp.input>) {
  return act(checkAcsOp, input);
}

/** The modem card, read again while a task or a search is pending. */
export async function modemCardAction(input: z.input<typeof modemCardOp.input>) {
  return act(modemCardOp, input);
}

export async function findModemAction(input: z.input<typeof findModemOp.input>) {
  return act(findModemOp, input);
}

export async function refreshModemAction(input: z.input<typeof refreshModemOp.input>) {
  return act(refreshModemOp, input);
}

export async function setWifiAction(input: z.input<typeof setWifiOp.input>) {
  return act(setWifiOp, input);
}

export async function pushPppoeAction(input: z.input<typeof pushPppoeOp.input>) {
  return act(pushPppoeOp, input);
}

export async function rebootModemAction(input: z.input<typeof rebootModemOp.input>) {
  return act(rebootModemOp, input);
}

export async function factoryResetModemAction(input: z.input<typeof factoryResetModemOp.input>) {
  return act(factoryResetModemOp, input);
}
