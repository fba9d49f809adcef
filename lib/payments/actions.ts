'use server';
import { revalidatePath } from 'next/cache';
import { runAction } from '@/lib/server/action';
import { recheckTransactionOp, refundTransactionOp, resolveReviewOp, saveGatewaySettingsOp, testGatewayOp } from './operations';

export async function saveGatewaySettingsAction(input: unknown) {
  const result = await runAction(saveGatewaySettingsOp, input);
  if (result.ok) revalidatePath('/settings/payments');
  return result;
}

export async function testGatewayAction(input: unknown) {
  const result = await runAction(testGatewayOp, input);
  if (result.ok) revalidatePath('/settings/payments');
  return result;
}

/** A transaction changed: its page, the list, and the invoices it paid or reopened. */
function revalidateTransaction(transactionId: string) {
  revalidatePath(`/payments/${transactionId}`);
  revalidatePath('/payments');
  revalidatePath('/billing');
  revalidatePath('/customers');
}

export async function recheckTransactionAction(input: { transactionId: string }) {
  const result = await runAction(recheckTransactionOp, input);
  if (result.ok) revalidateTransaction(input.transactionId);
  return result;
}

export async function refundTransactionAction(input: { transactionId: string; reason: string }) {
  const result = await runAction(refundTransactionOp, input);
  if (result.ok) revalidateTransaction(input.transactionId);
  return result;
}

export async function resolveReviewAction(input: { transactionId: string; decision: 'accept' | 'reject'; note: string }) {
  const result = await runAction(resolveReviewOp, input);
  if (result.ok) revalidateTransaction(input.transactionId);
  return result;
}
