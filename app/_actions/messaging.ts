'use server';
import type { z } from 'zod';
import {
  countRecipientsOp,
  deleteSessionOp,
  logoutSessionOp,
  previewTemplateOp,
  relinkSessionOp,
  resendMessageOp,
  resetTemplateOp,
  saveMessagingSettingsOp,
  saveSessionOp,
  saveTemplateOp,
  sendInvoiceOp,
  setBroadcastStatusOp,
  setOptOutOp,
  startBroadcastOp,
} from '@/lib/messaging/operations';
import { act } from './act';

export async function saveSessionAction(input: z.input<typeof saveSessionOp.input>) {
  return act(saveSessionOp, input, { revalidate: ['/whatsapp'] });
}

export async function logoutSessionAction(input: z.input<typeof logoutSessionOp.input>) {
  return act(logoutSessionOp, input, { revalidate: ['/whatsapp'] });
}

/** A logged-out linked phone goes back to showing a QR code. */
export async function relinkSessionAction(input: z.input<typeof relinkSessionOp.input>) {
  return act(relinkSessionOp, input, { revalidate: ['/whatsapp'] });
}

export async function deleteSessionAction(input: z.input<typeof deleteSessionOp.input>) {
  return act(deleteSessionOp, input, { revalidate: ['/whatsapp'] });
}

export async function saveTemplateAction(input: z.input<typeof saveTemplateOp.input>) {
  return act(saveTemplateOp, input, { revalidate: ['/whatsapp/templates'] });
}

export async function resetTemplateAction(input: z.input<typeof resetTemplateOp.input>) {
  return act(resetTemplateOp, input, { revalidate: ['/whatsapp/templates'] });
}

/** The live preview while the operator types: nothing is stored. */
export async function previewTemplateAction(input: z.input<typeof previewTemplateOp.input>) {
  return act(previewTemplateOp, input);
}

export async function saveMessagingSettingsAction(input: z.input<typeof saveMessagingSettingsOp.input>) {
  return act(saveMessagingSettingsOp, input, { revalidate: ['/whatsapp/templates'] });
}

export async function countRecipientsAction(input: z.input<typeof countRecipientsOp.input>) {
  return act(countRecipientsOp, input);
}

export async function startBroadcastAction(input: z.input<typeof startBroadcastOp.input>) {
  return act(startBroadcastOp, input, { revalidate: ['/whatsapp/broadcasts'] });
}

export async function setBroadcastStatusAction(input: z.input<typeof setBroadcastStatusOp.input>) {
  return act(setBroadcastStatusOp, input, { revalidate: ['/whatsapp/broadcasts'] });
}

export async function resendMessageAction(input: z.input<typeof resendMessageOp.input>) {
  return act(resendMessageOp, input, { revalidate: ['/whatsapp/messages'] });
}

export async function setOptOutAction(input: z.input<typeof setOptOutOp.input>) {
  return act(setOptOutOp, input, { revalidate: ({ customerId }) => [`/customers/${customerId}`] });
}

/** "Kirim ke WhatsApp" on an invoice: queued through the organization's session. */
export async function sendInvoiceAction(input: z.input<typeof sendInvoiceOp.input>) {
  return act(sendInvoiceOp, input, { revalidate: ['/whatsapp/messages'] });
}
