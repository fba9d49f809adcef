'use server';
import { revalidatePath } from 'next/cache';
import { runAction } from '@/lib/server/action';
import {
  countRecipientsOp,
  deleteSessionOp,
  logoutSessionOp,
  relinkSessionOp,
  previewTemplateOp,
  resendMessageOp,
  resetTemplateOp,
  saveMessagingSettingsOp,
  saveSessionOp,
  saveTemplateOp,
  setBroadcastStatusOp,
  setOptOutOp,
  startBroadcastOp,
} from './operations';

export async function saveSessionAction(input: unknown) {
  const result = await runAction(saveSessionOp, input);
  if (result.ok) revalidatePath('/whatsapp');
  return result;
}

export async function logoutSessionAction(input: { sessionId: string }) {
  const result = await runAction(logoutSessionOp, input);
  if (result.ok) revalidatePath('/whatsapp');
  return result;
}

/** A logged-out linked phone goes back to showing a QR code. */
export async function relinkSessionAction(input: { sessionId: string }) {
  const result = await runAction(relinkSessionOp, input);
  if (result.ok) revalidatePath('/whatsapp');
  return result;
}

export async function deleteSessionAction(input: { sessionId: string }) {
  const result = await runAction(deleteSessionOp, input);
  if (result.ok) revalidatePath('/whatsapp');
  return result;
}

export async function saveTemplateAction(input: unknown) {
  const result = await runAction(saveTemplateOp, input);
  if (result.ok) revalidatePath('/whatsapp/templates');
  return result;
}

export async function resetTemplateAction(input: { category: string; locale: string }) {
  const result = await runAction(resetTemplateOp, input);
  if (result.ok) revalidatePath('/whatsapp/templates');
  return result;
}

/** The live preview while the operator types: nothing is stored. */
export async function previewTemplateAction(input: { category: string; body: string }) {
  return runAction(previewTemplateOp, input);
}

export async function saveMessagingSettingsAction(input: unknown) {
  const result = await runAction(saveMessagingSettingsOp, input);
  if (result.ok) revalidatePath('/whatsapp/templates');
  return result;
}

export async function countRecipientsAction(input: unknown) {
  return runAction(countRecipientsOp, input);
}

export async function startBroadcastAction(input: unknown) {
  const result = await runAction(startBroadcastOp, input);
  if (result.ok) revalidatePath('/whatsapp/broadcasts');
  return result;
}

export async function setBroadcastStatusAction(input: { broadcastId: string; action: 'pause' | 'resume' | 'cancel' }) {
  const result = await runAction(setBroadcastStatusOp, input);
  if (result.ok) revalidatePath('/whatsapp/broadcasts');
  return result;
}

export async function resendMessageAction(input: { messageId: string }) {
  const result = await runAction(resendMessageOp, input);
  if (result.ok) revalidatePath('/whatsapp/messages');
  return result;
}

export async function setOptOutAction(input: { customerId: string; optOut: boolean }) {
  const result = await runAction(setOptOutOp, input);
  if (result.ok) revalidatePath(`/customers/${input.customerId}`);
  return result;
}
