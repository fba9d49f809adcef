import { z } from 'zod';
import { defineOperation } from '@/lib/server/operation';
import {
  assignConversation,
  createTicketFromConversation,
  inboxMembers,
  linkConversationTicket,
  markConversationRead,
  replyToConversation,
  setConversationStatus,
} from './mutations';
import { conversationOfTicket, getConversation, inboxCounts, listConversations, listQuickReplies } from './queries';
import { deleteQuickReply, saveQuickReply } from './quick-replies';
import {
  assignConversationSchema,
  conversationRefSchema,
  conversationStatusSchema,
  conversationTicketSchema,
  linkTicketSchema,
  listConversationsSchema,
  quickReplyRefSchema,
  quickReplySchema,
  replySchema,
} from './schemas';

export const listConversationsOp = defineOperation({
  name: 'inbox.list',
  permission: 'inbox.view',
  input: listConversationsSchema,
  run: (ctx, input) => listConversations(ctx.db, { orgId: ctx.orgId, userId: ctx.userId, ...input }),
});

export const inboxCountsOp = defineOperation({
  name: 'inbox.counts',
  permission: 'inbox.view',
  input: z.object({}),
  run: (ctx) => inboxCounts(ctx.db, { orgId: ctx.orgId }),
});

/** The conversation page: the thread, the customer's card, members, quick replies. */
export const getConversationOp = defineOperation({
  name: 'inbox.get',
  permission: 'inbox.view',
  input: conversationRefSchema,
  run: async (ctx, input) => ({
    ...(await getConversation(ctx.db, { orgId: ctx.orgId, conversationId: input.conversationId })),
    members: await inboxMembers(ctx.db, ctx.orgId),
    quickReplies: await listQuickReplies(ctx.db, { orgId: ctx.orgId }),
  }),
});

export const markConversationReadOp = defineOperation({
  name: 'inbox.markRead',
  permission: 'inbox.view',
  input: conversationRefSchema,
  run: (ctx, input) => markConversationRead(ctx.db, { ...ctx.actor, ...input }),
});

export const replyToConversationOp = defineOperation({
  name: 'inbox.reply',
  permission: 'inbox.reply',
  input: replySchema,
  run: (ctx, input) => replyToConversation(ctx.db, { ...ctx.actor, ...input }),
});

export const assignConversationOp = defineOperation({
  name: 'inbox.assign',
  permission: 'inbox.reply',
  input: assignConversationSchema,
  run: (ctx, input) => assignConversation(ctx.db, { ...ctx.actor, ...input }),
});

export const setConversationStatusOp = defineOperation({
  name: 'inbox.setStatus',
  permission: 'inbox.reply',
  input: conversationStatusSchema,
  run: (ctx, input) => setConversationStatus(ctx.db, { ...ctx.actor, ...input }),
});

/** Opening a ticket also needs the ticket permission: the inbox does not widen who may open tickets. */
export const createConversationTicketOp = defineOperation({
  name: 'inbox.createTicket',
  permission: 'tickets.manage',
  input: conversationTicketSchema,
  run: (ctx, input) => createTicketFromConversation(ctx.db, { ...ctx.actor, ...input }),
});

export const linkConversationTicketOp = defineOperation({
  name: 'inbox.linkTicket',
  permission: 'tickets.manage',
  input: linkTicketSchema,
  run: (ctx, input) => linkConversationTicket(ctx.db, { ...ctx.actor, ...input }),
});

/** The ticket page's link back to the WhatsApp conversation the ticket came from. */
export const conversationOfTicketOp = defineOperation({
  name: 'inbox.ofTicket',
  permission: 'inbox.view',
  input: z.object({ ticketId: z.string().uuid('validation.invalid') }),
  run: (ctx, input) => conversationOfTicket(ctx.db, { orgId: ctx.orgId, ticketId: input.ticketId }),
});

export const listQuickRepliesOp = defineOperation({
  name: 'inbox.quickReplies',
  permission: 'inbox.view',
  input: z.object({}),
  run: (ctx) => listQuickReplies(ctx.db, { orgId: ctx.orgId }),
});

export const saveQuickReplyOp = defineOperation({
  name: 'inbox.saveQuickReply',
  permission: 'inbox.manage',
  input: quickReplySchema,
  run: (ctx, input) => saveQuickReply(ctx.db, { ...ctx.actor, ...input }),
});

export const deleteQuickReplyOp = defineOperation({
  name: 'inbox.deleteQuickReply',
  permission: 'inbox.manage',
  input: quickReplyRefSchema,
  run: (ctx, input) => deleteQuickReply(ctx.db, { ...ctx.actor, ...input }),
});
