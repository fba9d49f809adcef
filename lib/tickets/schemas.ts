import { z } from 'zod';
import { TICKET_CATEGORIES, TICKET_MESSAGE_KINDS, TICKET_PRIORITIES, TICKET_STATUSES, TICKET_TEAMS } from '@/db/enums';
import { pageLimitSchema } from '@/lib/server/pagination';

const text = (max: number) => z.string().trim().max(max, 'validation.tooLong');
const required = (max: number) => text(max).min(1, 'validation.required');
const optionalUuid = z
  .union([z.literal(''), z.string().uuid('validation.invalid')])
  .optional()
  .transform((v) => v || undefined);

export const createTicketSchema = z.object({
  subject: required(200),
  description: text(5000).optional(),
  category: z.enum(TICKET_CATEGORIES, 'validation.invalid'),
  priority: z.enum(TICKET_PRIORITIES, 'validation.invalid').optional(),
  customerId: optionalUuid,
  subscriptionId: optionalUuid,
  reporterName: text(120).optional(),
  reporterPhone: text(30).optional(),
});

/** The list's filters, as the URL carries them. `sla` picks timers that are breached or due soon. */
export const TICKET_LIST_STATUSES = ['active', ...TICKET_STATUSES] as const;
export const listTicketsSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  status: z.enum(TICKET_LIST_STATUSES).optional().catch(undefined),
  priority: z.enum(TICKET_PRIORITIES).optional().catch(undefined),
  category: z.enum(TICKET_CATEGORIES).optional().catch(undefined),
  team: z.enum(TICKET_TEAMS).optional().catch(undefined),
  assignee: z
    .union([z.literal('me'), z.literal('none'), z.string().uuid()])
    .optional()
    .catch(undefined),
  sla: z.enum(['breached', 'due_soon']).optional().catch(undefined),
  customerId: z.string().uuid().optional().catch(undefined),
  cursor: z.string().max(200).optional().catch(undefined),
  limit: pageLimitSchema.catch(undefined),
});

export const ticketRefSchema = z.object({ ticketId: z.string().uuid('validation.invalid') });

export const addMessageSchema = ticketRefSchema.extend({
  kind: z.enum(
    TICKET_MESSAGE_KINDS.filter((k) => k === 'note' || k === 'reply') as ['note', 'reply'],
    'validation.invalid',
  ),
  body: required(4000),
});

export const changeStatusSchema = ticketRefSchema.extend({
  status: z.enum(TICKET_STATUSES, 'validation.invalid'),
});

export const assignSchema = ticketRefSchema.extend({
  assigneeUserId: optionalUuid,
  team: z
    .union([z.literal(''), z.enum(TICKET_TEAMS, 'validation.invalid')])
    .optional()
    .transform((v) => v || undefined),
});

export const updateTicketSchema = ticketRefSchema.extend({
  priority: z.enum(TICKET_PRIORITIES, 'validation.invalid'),
  category: z.enum(TICKET_CATEGORIES, 'validation.invalid'),
});

const minutes = z.coerce
  .number('validation.invalid')
  .int('validation.invalid')
  .min(5, 'validation.invalid')
  .max(60 * 24 * 60, 'validation.invalid');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'validation.invalid');

export const supportSettingsSchema = z
  .object({
    policies: z
      .array(
        z
          .object({
            priority: z.enum(TICKET_PRIORITIES, 'validation.invalid'),
            firstResponseMinutes: minutes,
            resolutionMinutes: minutes,
          })
          .refine((p) => p.resolutionMinutes >= p.firstResponseMinutes, {
            message: 'tickets.errors.resolutionBeforeResponse',
            path: ['resolutionMinutes'],
          }),
      )
      .max(TICKET_PRIORITIES.length),
    days: z.array(z.coerce.number().int().min(0).max(6)).max(7),
    start: hhmm,
    end: hhmm,
    escalationUserId: optionalUuid,
    askRating: z.coerce.boolean().optional().default(false),
  })
  .refine((s) => s.end > s.start, { message: 'tickets.errors.endBeforeStart', path: ['end'] });

export const attachmentSchema = ticketRefSchema.extend({
  file: z
    .instanceof(File, { message: 'validation.photoRequired' })
    .refine((f) => f.size > 0, 'validation.photoRequired')
    .refine((f) => f.size <= 5 * 1024 * 1024, 'validation.photoSize'),
});

export const attachmentRefSchema = z.object({ attachmentId: z.string().uuid('validation.invalid') });

/** The public complaint form on the invoice page: the invoice link is the only authority. */
export const publicComplaintSchema = z.object({
  token: z.string().min(10).max(200),
  category: z.enum(TICKET_CATEGORIES, 'validation.invalid'),
  description: required(2000),
  // A bot fills every field; a person never sees this one.
  website: z.string().max(0, 'validation.invalid').optional(),
});

export const publicRatingSchema = z.object({
  token: z.string().min(20).max(100),
  rating: z.coerce
    .number('validation.invalid')
    .int('validation.invalid')
    .min(1, 'validation.invalid')
    .max(5, 'validation.invalid'),
  comment: text(1000).optional(),
});

export const customerChoicesSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  customerId: z.string().uuid().optional().catch(undefined),
});
