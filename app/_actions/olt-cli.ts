'use server';
import type { z } from 'zod';
import {
  checkOltOp,
  onuSubscriptionChoicesOp,
  previewRegistrationOp,
  rebootOnuOp,
  refreshOnuOp,
  registerOnuOp,
  removeOnuOp,
  scanOltOp,
  updateOltTemplateOp,
} from '@/lib/fibre/olt/operations';
import { act, type Page } from './act';

/** The OLT pages (list, one OLT, its ONUs) show what these change. */
const PAGES: Page[] = [{ layout: '/olts' }];

export async function scanOltAction(input: z.input<typeof scanOltOp.input>) {
  return act(scanOltOp, input);
}

export async function checkOltAction(input: z.input<typeof checkOltOp.input>) {
  return act(checkOltOp, input);
}

export async function previewRegistrationAction(input: z.input<typeof previewRegistrationOp.input>) {
  return act(previewRegistrationOp, input);
}

export async function registerOnuAction(input: z.input<typeof registerOnuOp.input>) {
  return act(registerOnuOp, input, { revalidate: PAGES });
}

export async function removeOnuAction(input: z.input<typeof removeOnuOp.input>) {
  return act(removeOnuOp, input);
}

export async function rebootOnuAction(input: z.input<typeof rebootOnuOp.input>) {
  return act(rebootOnuOp, input);
}

export async function refreshOnuAction(input: z.input<typeof refreshOnuOp.input>) {
  return act(refreshOnuOp, input);
}

export async function updateOltTemplateAction(input: z.input<typeof updateOltTemplateOp.input>) {
  return act(updateOltTemplateOp, input, { revalidate: PAGES });
}

export async function searchOnuSubscriptionsAction(input: z.input<typeof onuSubscriptionChoicesOp.input>) {
  return act(onuSubscriptionChoicesOp, input);
}
