'use server';
import type { z } from 'zod';
import { getDb } from '@/db/client';
import { getLocale } from '@/lib/auth/context';
import { runParsed } from '@/lib/server/operation';
import {
  addTicketAttachmentOp,
  addTicketMessageOp,
  assignTicketOp,
  changeTicketStatusOp,
  createTicketOp,
  saveSupportSettingsOp,
  updateTicketOp,
} from '@/lib/tickets/operations';
import { submitPublicComplaint, submitRating } from '@/lib/tickets/public';
import { publicComplaintSchema, publicRatingSchema } from '@/lib/tickets/schemas';
import { act, type Page, visitorIp } from './act';

/** A ticket changed: its page, the list and the dashboard's counts. */
const ticketPages = ({ ticketId }: { ticketId: string }): Page[] => [`/tickets/${ticketId}`, '/tickets', '/'];

export async function createTicketAction(input: z.input<typeof createTicketOp.input>) {
  return act(createTicketOp, input, { revalidate: ['/tickets', '/'] });
}

export async function addTicketMessageAction(input: z.input<typeof addTicketMessageOp.input>) {
  return act(addTicketMessageOp, input, { revalidate: ticketPages });
}

export async function changeTicketStatusAction(input: z.input<typeof changeTicketStatusOp.input>) {
  return act(changeTicketStatusOp, input, { revalidate: ticketPages });
}

export async function assignTicketAction(input: z.input<typeof assignTicketOp.input>) {
  return act(assignTicketOp, input, { revalidate: ticketPages });
}

export async function updateTicketAction(input: z.input<typeof updateTicketOp.input>) {
  return act(updateTicketOp, input, { revalidate: ticketPages });
}

export async function addTicketAttachmentAction(input: z.input<typeof addTicketAttachmentOp.input>) {
  return act(addTicketAttachmentOp, input, { revalidate: ticketPages });
}

export async function saveSupportSettingsAction(input: z.input<typeof saveSupportSettingsOp.input>) {
  return act(saveSupportSettingsOp, input, { revalidate: ['/settings/support', '/settings'] });
}

/**
 * Public (no login): the complaint form on the customer's invoice page. The signed invoice
 * link is the only authority; rate-limited per address and per invoice (lib/tickets/public.ts).
 */
export async function submitComplaintAction(input: z.input<typeof publicComplaintSchema>) {
  const ip = await visitorIp();
  return runParsed(await getLocale(), publicComplaintSchema, input, (p) =>
    submitPublicComplaint(getDb(), { ...p, ip }),
  );
}

/** Public (no login): the customer's 1–5 from the rating link the resolve message carried. */
export async function submitRatingAction(input: z.input<typeof publicRatingSchema>) {
  const ip = await visitorIp();
  return runParsed(await getLocale(), publicRatingSchema, input, (p) => submitRating(getDb(), { ...p, ip }));
}
