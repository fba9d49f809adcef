'use server';
import type { z } from 'zod';
import {
  addChargeOp,
  approvePaymentOp,
  previewBillingOp,
  previewIsolationOp,
  recordPaymentOp,
  rejectPaymentOp,
  runIsolationOp,
  saveBillingSettingsOp,
  startBillingOp,
} from '@/lib/billing/operations';
import { act } from './act';

export async function previewBillingAction(input: z.input<typeof previewBillingOp.input>) {
  return act(previewBillingOp, input);
}

export async function startBillingAction(input: z.input<typeof startBillingOp.input>) {
  return act(startBillingOp, input, { revalidate: ['/jobs'] });
}

export async function previewIsolationAction(input: z.input<typeof previewIsolationOp.input>) {
  return act(previewIsolationOp, input);
}

export async function runIsolationAction(input: z.input<typeof runIsolationOp.input>) {
  return act(runIsolationOp, input, { revalidate: ['/billing', '/jobs'] });
}

export async function saveBillingSettingsAction(input: z.input<typeof saveBillingSettingsOp.input>) {
  return act(saveBillingSettingsOp, input, { revalidate: ['/billing'] });
}

export async function addChargeAction(input: z.input<typeof addChargeOp.input>) {
  return act(addChargeOp, input, { revalidate: ['/customers'] });
}

export async function recordPaymentAction(input: z.input<typeof recordPaymentOp.input>) {
  return act(recordPaymentOp, input, { revalidate: ['/customers', '/billing'] });
}

export async function approvePaymentAction(input: z.input<typeof approvePaymentOp.input>) {
  return act(approvePaymentOp, input, { revalidate: ['/billing'] });
}

export async function rejectPaymentAction(input: z.input<typeof rejectPaymentOp.input>) {
  return act(rejectPaymentOp, input, { revalidate: ['/billing'] });
}
