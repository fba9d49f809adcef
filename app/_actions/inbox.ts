'use server';
import type { z } from 'zod';
import {
  assignConversationOp,
  createConversationTicketOp,
  deleteQuickReplyOp,
  linkConversationTicketOp,
  markConversationReadOp,
  replyToConversationOp,
  saveQuickReplyOp,
  setConversationStatusOp,
} from '@/lib/inbox/operations';
import { act, type Page } from './act';

/** A conversation changed: its page, the inbox list and the dashboard's count. */
const conversationPages = ({ conversationId }: { conversationId: string }): Page[] => [
  `/inbox/${conversationId}`,
  '/inbox',
  '/',
];

export async function markConversationReadAction(input: z.input<typeof markConversationReadOp.input>) {
  return act(markConversationReadOp, input, { revalidate: ['/inbox', '/'] });
}

export async function replyToConversationAction(input: z.input<typeof replyToConversationOp.input>) {
  return act(replyToConversationOp, input, { revalidate: conversationPages });
}

export async function assignConversationAction(input: z.input<typeof assignConversationOp.input>) {
  return act(assignConversationOp, input, { revalidate: conversationPages });
}

export async function setConversationStatusAction(input: z.input<typeof setConversationStatusOp.input>) {
  return act(setConversationStatusOp, input, { revalidate: conversationPages });
}

export async function createConversationTicketAction(input: z.input<typeof createConversationTicketOp.input>) {
  return act(createConversationTicketOp, input, {
    revalidate: (i) => [...conversationPages(i), '/tickets'],
  });
}

export async function linkConversationTicketAction(input: z.input<typeof linkConversationTicketOp.input>) {
  return act(linkConversationTicketOp, input, {
    revalidate: (i) => [...conversationPages(i), `/tickets/${i.ticketId}`],
  });
}

export async function saveQuickReplyAction(input: z.input<typeof saveQuickReplyOp.input>) {
  return act(saveQuickReplyOp, input, { revalidate: ['/inbox/quick-replies'] });
}

export async function deleteQuickReplyAction(input: z.input<typeof deleteQuickReplyOp.input>) {
  return act(deleteQuickReplyOp, input, { revalidate: ['/inbox/quick-replies'] });
}
