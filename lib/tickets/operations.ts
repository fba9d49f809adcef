import { z } from 'zod';
import { defineOperation } from '@/lib/server/operation';
import { addTicketAttachment, getTicketAttachment } from './attachments';
import { addTicketMessage, assignTicket, changeTicketStatus, updateTicket } from './mutations';
import { openTicket } from './open';
import { getTicket, listTickets, ticketCounts, ticketCustomerChoices } from './queries';
import {
  addMessageSchema,
  assignSchema,
  attachmentRefSchema,
  attachmentSchema,
  changeStatusSchema,
  createTicketSchema,
  customerChoicesSchema,
  listTicketsSchema,
  supportSettingsSchema,
  ticketRefSchema,
  updateTicketSchema,
} from './schemas';
import { getSupportSettings, saveSupportSettings } from './settings';

export const listTicketsOp = defineOperation({
  name: 'tickets.list',
  permission: 'tickets.view',
  input: listTicketsSchema,
  run: (ctx, input) => listTickets(ctx.db, { orgId: ctx.orgId, userId: ctx.userId, ...input }),
});

export const getTicketOp = defineOperation({
  name: 'tickets.get',
  permission: 'tickets.view',
  input: ticketRefSchema,
  run: (ctx, input) => getTicket(ctx.db, { orgId: ctx.orgId, ticketId: input.ticketId }),
});

export const ticketCountsOp = defineOperation({
  name: 'tickets.counts',
  permission: 'tickets.view',
  input: z.object({}),
  run: (ctx) => ticketCounts(ctx.db, { orgId: ctx.orgId }),
});

/** Staff open a ticket (from the counter, a phone call, a WhatsApp chat). */
export const createTicketOp = defineOperation({
  name: 'tickets.create',
  permission: 'tickets.manage',
  input: createTicketSchema,
  run: async (ctx, input) => {
    const { ticket, joinedIncident } = await openTicket(ctx.db, {
      orgId: ctx.orgId,
      actorUserId: ctx.userId,
      ip: ctx.ip,
      source: 'staff',
      ...input,
    });
    return { id: ticket.id, number: ticket.number, joinedIncident };
  },
});

export const addTicketMessageOp = defineOperation({
  name: 'tickets.addMessage',
  permission: 'tickets.manage',
  input: addMessageSchema,
  run: (ctx, input) => addTicketMessage(ctx.db, { ...ctx.actor, ...input }),
});

export const changeTicketStatusOp = defineOperation({
  name: 'tickets.changeStatus',
  permission: 'tickets.manage',
  input: changeStatusSchema,
  run: (ctx, input) => changeTicketStatus(ctx.db, { ...ctx.actor, ...input }),
});

export const assignTicketOp = defineOperation({
  name: 'tickets.assign',
  permission: 'tickets.manage',
  input: assignSchema,
  run: (ctx, input) => assignTicket(ctx.db, { ...ctx.actor, ...input }),
});

export const updateTicketOp = defineOperation({
  name: 'tickets.update',
  permission: 'tickets.manage',
  input: updateTicketSchema,
  run: (ctx, input) => updateTicket(ctx.db, { ...ctx.actor, ...input }),
});

export const addTicketAttachmentOp = defineOperation({
  name: 'tickets.addAttachment',
  permission: 'tickets.manage',
  input: attachmentSchema,
  run: (ctx, input) => addTicketAttachment(ctx.db, { ...ctx.actor, ...input }),
});

export const ticketAttachmentOp = defineOperation({
  name: 'tickets.attachment',
  permission: 'tickets.view',
  input: attachmentRefSchema,
  run: (ctx, input) => getTicketAttachment(ctx.db, { orgId: ctx.orgId, ...input }),
});

export const supportSettingsOp = defineOperation({
  name: 'tickets.settings',
  permission: 'tickets.settings',
  input: z.object({}),
  run: (ctx) => getSupportSettings(ctx.db, { orgId: ctx.orgId }),
});

export const saveSupportSettingsOp = defineOperation({
  name: 'tickets.saveSettings',
  permission: 'tickets.settings',
  input: supportSettingsSchema,
  run: (ctx, input) => saveSupportSettings(ctx.db, { ...ctx.actor, ...input }),
});

/** Customers to link a new ticket to (the new-ticket page's search). */
export const ticketCustomerChoicesOp = defineOperation({
  name: 'tickets.customerChoices',
  permission: 'tickets.manage',
  input: customerChoicesSchema,
  run: (ctx, input) => ticketCustomerChoices(ctx.db, { orgId: ctx.orgId, ...input }),
});
