'use server';
import { revalidatePath } from 'next/cache';
import { runAction } from '@/lib/server/action';
import {
  checkCoverageOp,
  convertLeadOp,
  createLeadOp,
  importCustomersOp,
  previewImportOp,
  rejectLeadOp,
  transitionSubscriptionOp,
  updateCustomerOp,
  updateSubscriptionServiceOp,
} from './operations';

export async function checkCoverageAction(input: unknown) {
  return runAction(checkCoverageOp, input);
}

export async function createLeadAction(input: unknown) {
  const result = await runAction(createLeadOp, input);
  if (result.ok) revalidatePath('/leads');
  return result;
}

export async function convertLeadAction(input: unknown) {
  const result = await runAction(convertLeadOp, input);
  if (result.ok) revalidatePath('/leads');
  return result;
}

export async function rejectLeadAction(input: unknown) {
  const result = await runAction(rejectLeadOp, input);
  if (result.ok) revalidatePath('/leads');
  return result;
}

export async function updateCustomerAction(input: unknown) {
  const result = await runAction(updateCustomerOp, input);
  if (result.ok) revalidatePath('/customers');
  return result;
}

export async function transitionSubscriptionAction(input: unknown) {
  const result = await runAction(transitionSubscriptionOp, input);
  if (result.ok) revalidatePath('/customers');
  return result;
}

export async function previewImportAction(input: unknown) {
  return runAction(previewImportOp, input);
}

export async function importCustomersAction(input: unknown) {
  const result = await runAction(importCustomersOp, input);
  if (result.ok) revalidatePath('/customers');
  return result;
}

export async function updateSubscriptionServiceAction(input: unknown) {
  const result = await runAction(updateSubscriptionServiceOp, input);
  if (result.ok) revalidatePath('/customers');
  return result;
}
