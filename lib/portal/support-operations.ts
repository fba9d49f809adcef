import { z } from 'zod';
import { TICKET_CATEGORIES } from '@/db/enums';
import { definePortalOperation } from './operation';
import {
  addPortalTicketMessage,
  listPortalTickets,
  portalSubscriptionChoices,
  portalTicket,
  portalTicketPhoto,
  ratePortalTicket,
  reportPortalProblem,
} from './support';

const id = z.string().uuid('validation.invalid');
const text = (max: number) =>
  z.string('validation.required').trim().min(1, 'validation.required').max(max, 'validation.tooLong');
const optionalId = z.preprocess((v) => (v === '' || v === null ? undefined : v), id.optional());

export const portalTicketsOp = definePortalOperation({
  name: 'portal.tickets',
  input: z.object({ page: z.coerce.number().int().min(1).max(50).catch(1).default(1) }),
  run: (ctx, input) => listPortalTickets(ctx.db, { ...ctx, ...input }),
});

export const portalTicketOp = definePortalOperation({
  name: 'portal.ticket',
  input: z.object({ ticketId: id }),
  run: (ctx, input) => portalTicket(ctx.db, { ...ctx, ...input }),
});

export const portalTicketPhotoOp = definePortalOperation({
  name: 'portal.ticketPhoto',
  input: z.object({ ticketId: id, attachmentId: id }),
  run: (ctx, input) => portalTicketPhoto(ctx.db, { ...ctx, ...input }),
});

export const portalSubscriptionsOp = definePortalOperation({
  name: 'portal.subscriptions',
  input: z.object({}),
  run: (ctx) => portalSubscriptionChoices(ctx.db, ctx),
});

export const portalReportProblemOp = definePortalOperation({
  name: 'portal.reportProblem',
  input: z.object({
    subscriptionId: optionalId,
    category: z.enum(TICKET_CATEGORIES, 'validation.invalid'),
    description: text(2000),
    photo: z.instanceof(File).optional(),
  }),
  run: (ctx, input) => reportPortalProblem(ctx.db, ctx, input),
});

export const portalTicketMessageOp = definePortalOperation({
  name: 'portal.ticketMessage',
  input: z.object({ ticketId: id, body: text(2000) }),
  run: (ctx, input) => addPortalTicketMessage(ctx.db, ctx, input),
});

export const portalRateTicketOp = definePortalOperation({
  name: 'portal.rateTicket',
  input: z.object({
    ticketId: id,
    rating: z.coerce
      .number('validation.invalid')
      .int('validation.invalid')
      .min(1, 'validation.invalid')
      .max(5, 'validation.invalid'),
    comment: z.string().trim().max(1000, 'validation.tooLong').optional(),
  }),
  run: (ctx, input) => ratePortalTicket(ctx.db, ctx, input),
});
