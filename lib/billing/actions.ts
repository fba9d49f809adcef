'use server';
import { revalidatePath } from 'next/cache';
import { runAction } from '@/lib/server/action';
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
} from './operations';

export async function previewBillingAction(input: unknown) {
  return runAction(previewBillingOp, input);
}

export async function startBillingAction(input: unknown) {
  const result = await runAction(startBillingOp, input);
  if (result.ok) revalidatePath('/jobs');
  return result;
}

export async function previewIsolationAction(input: unknown) {
  return runAction(previewIsolationOp, input);
}

export async function runIsolationAction(input: unknown) {
  const result = await runAction(runIsolationOp, input);
  if (result.ok) {
    revalidatePath('/billing');
    revalidatePath('/jobs');
  }
  return result;
}

export async function saveBillingSettingsAction(input: unknown) {
  const result = await runAction(saveBillingSettingsOp, input);
  if (result.ok) revalidatePath('/billing');
  return result;
}

export async function addChargeAction(input: unknown) {
  const result = await runAction(addChargeOp, input);
  if (result.ok) revalidatePath('/customers');
  return result;
}

export async function recordPaymentAction(input: unknown) {
  const result = await runAction(recordPaymentOp, input);
  if (result.ok) {
    revalidatePath('/customers');
    revalidatePath('/billing');
  }
  return result;
}

export async function approvePaymentAction(input: unknown) {
  const result = await runAction(approvePaymentOp, input);
  if (result.ok) revalidatePath('/billing');
  return result;
}

export async function rejectPaymentAction(input: unknown) {
  const result = await runAction(rejectPaymentOp, input);
  if (result.ok) revalidatePath('/billing');
  return result;
}
