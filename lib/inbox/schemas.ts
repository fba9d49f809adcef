import { z } from 'zod';
import { TICKET_CATEGORIES } from '@/db/enums';

const text = (max: number) => z.string().trim().max(max, 'validation.tooLong');
const required = (max: number) => text(max).min(1, 'validation.required');
const uuid = z.string().uuid('validation.invalid');

/** The inbox's quick filters, as the URL carries them (`?filter=needs_staff`). */
export const INBOX_FILTERS = ['needs_staff', 'unread', 'mine', 'unassigned', 'open', 'closed'] as const;
export type InboxFilter = (typeof INBOX_FILTERS)[number];

export const listConversationsSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  filter: z.enum(INBOX_FILTERS).optional().catch(undefined),
  cursor: z.string().max(200).optional().catch(undefined),
});

export const conversationRefSchema = z.object({ conversationId: uuid });

/** A staff reply; WhatsApp takes up to 4096 characters, the template adds a signature. */
export const replySchema = conversationRefSchema.extend({ text: required(3500) });

export const assignConversationSchema = conversationRefSchema.extend({
  assigneeUserId: z
    .union([z.literal(''), uuid])
    .optional()
    .transform((v) => v || null),
});

export const conversationStatusSchema = conversationRefSchema.extend({
  status: z.enum(['open', 'closed'], 'validation.invalid'),
});

/** A ticket made from the conversation: its subject and category (the description is the customer's last message). */
export const conversationTicketSchema = conversationRefSchema.extend({
  subject: required(200),
  category: z.enum(TICKET_CATEGORIES, 'validation.invalid'),
});

export const linkTicketSchema = conversationRefSchema.extend({ ticketId: uuid });

export const quickReplySchema = z.object({
  quickReplyId: z
    .union([z.literal(''), uuid])
    .optional()
    .transform((v) => v || undefined),
  title: required(80),
  body: required(2000),
});

export const quickReplyRefSchema = z.object({ quickReplyId: uuid });
