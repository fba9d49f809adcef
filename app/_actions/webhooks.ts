'use server';
import type { z } from 'zod';
import {
  deleteEndpointOp,
  getDeliveryOp,
  replayDeliveryOp,
  resendFailedOp,
  revealSecretOp,
  rotateSecretOp,
  saveEndpointOp,
  sendTestEventOp,
  setEndpointEnabledOp,
} from '@/lib/webhooks/operations';
import { act } from './act';

const PAGES = [{ layout: '/settings/webhooks' }, '/settings'];

export async function saveEndpointAction(input: z.input<typeof saveEndpointOp.input>) {
  return act(saveEndpointOp, input, { revalidate: PAGES });
}

export async function setEndpointEnabledAction(input: z.input<typeof setEndpointEnabledOp.input>) {
  return act(setEndpointEnabledOp, input, { revalidate: PAGES });
}

export async function deleteEndpointAction(input: z.input<typeof deleteEndpointOp.input>) {
  return act(deleteEndpointOp, input, { revalidate: PAGES });
}

/** The signing secret, for the reveal + copy (audited). */
export async function revealSecretAction(input: z.input<typeof revealSecretOp.input>) {
  return act(revealSecretOp, input);
}

export async function rotateSecretAction(input: z.input<typeof rotateSecretOp.input>) {
  return act(rotateSecretOp, input, { revalidate: PAGES });
}

export async function sendTestEventAction(input: z.input<typeof sendTestEventOp.input>) {
  return act(sendTestEventOp, input, { revalidate: PAGES });
}

/** One delivery's body and answer, read when its row is opened. */
export async function deliveryDetailAction(input: z.input<typeof getDeliveryOp.input>) {
  return act(getDeliveryOp, input);
}

export async function replayDeliveryAction(input: z.input<typeof replayDeliveryOp.input>) {
  return act(replayDeliveryOp, input, { revalidate: PAGES });
}

export async function resendFailedAction(input: z.input<typeof resendFailedOp.input>) {
  return act(resendFailedOp, input, { revalidate: PAGES });
}
