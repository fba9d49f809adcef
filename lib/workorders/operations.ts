import { z } from 'zod';
import { WORK_ORDER_TYPES } from '@/db/enums';
import { type Ctx, defineOperation } from '@/lib/server/operation';
import { listChecklistTemplates, resetChecklistTemplate, saveChecklistTemplate } from './checklists';
import { createWorkOrder, createWorkOrderFromTicket } from './create';
import { applyFieldAction, getFieldWorkOrder, listMyWorkOrders } from './field';
import { saveWorkOrderPhoto, saveWorkOrderSignature, workOrderFilePath } from './files';
import { assignTechnicians, cancelWorkOrder, scheduleWorkOrder } from './mutations';
import { getWorkOrderDetail, listTechnicians, listWorkOrders } from './queries';
import {
  assignSchema,
  cancelSchema,
  checklistTemplateSchema,
  createWorkOrderSchema,
  fieldActionSchema,
  fieldListSchema,
  fieldPhotoSchema,
  fieldSignatureSchema,
  fromTicketSchema,
  scheduleSchema,
  workOrderFileSchema,
  workOrderListSchema,
  workOrderRefSchema,
} from './schemas';

// ---- The office ----------------------------------------------------------------------------

/** A technician sees only the work orders they are on; other roles that view see them all. */
const onlyAssignedTo = (ctx: Ctx) => (ctx.role === 'technician' ? ctx.userId : undefined);

export const listWorkOrdersOp = defineOperation({
  name: 'workorders.list',
  permission: 'workorders.view',
  input: workOrderListSchema,
  run: (ctx, input) => listWorkOrders(ctx.db, { orgId: ctx.orgId, ...input, onlyAssignedTo: onlyAssignedTo(ctx) }),
});

export const getWorkOrderOp = defineOperation({
  name: 'workorders.get',
  permission: 'workorders.view',
  input: workOrderRefSchema,
  run: (ctx, input) =>
    getWorkOrderDetail(ctx.db, { orgId: ctx.orgId, id: input.workOrderId, onlyAssignedTo: onlyAssignedTo(ctx) }),
});

/** The technicians a work order can be given to (active members with the technician role). */
export const listTechniciansOp = defineOperation({
  name: 'workorders.technicians',
  permission: 'workorders.view',
  input: z.object({}),
  run: (ctx) => listTechnicians(ctx.db, { orgId: ctx.orgId }),
});

export const createWorkOrderOp = defineOperation({
  name: 'workorders.create',
  permission: 'workorders.manage',
  input: createWorkOrderSchema,
  run: async (ctx, input) => {
    const wo = await createWorkOrder(ctx.db, { ...ctx.actor, input });
    return { id: wo.id, number: wo.number };
  },
});

export const createWorkOrderFromTicketOp = defineOperation({
  name: 'workorders.fromTicket',
  permission: 'workorders.manage',
  input: fromTicketSchema,
  run: async (ctx, input) => {
    const wo = await createWorkOrderFromTicket(ctx.db, { ...ctx.actor, ...input });
    return { id: wo.id, number: wo.number };
  },
});

export const scheduleWorkOrderOp = defineOperation({
  name: 'workorders.schedule',
  permission: 'workorders.manage',
  input: scheduleSchema,
  run: (ctx, input) => scheduleWorkOrder(ctx.db, { ...ctx.actor, ...input }),
});

export const assignWorkOrderOp = defineOperation({
  name: 'workorders.assign',
  permission: 'workorders.manage',
  input: assignSchema,
  run: (ctx, input) => assignTechnicians(ctx.db, { ...ctx.actor, ...input }),
});

export const cancelWorkOrderOp = defineOperation({
  name: 'workorders.cancel',
  permission: 'workorders.manage',
  input: cancelSchema,
  run: (ctx, input) => cancelWorkOrder(ctx.db, { ...ctx.actor, ...input }),
});

/** The file route: which stored photo or signature to send. */
export const workOrderFileOp = defineOperation({
  name: 'workorders.file',
  permission: 'workorders.view',
  input: workOrderFileSchema,
  run: (ctx, input) => workOrderFilePath(ctx.db, { orgId: ctx.orgId, ...input, onlyAssignedTo: onlyAssignedTo(ctx) }),
});

export const listChecklistTemplatesOp = defineOperation({
  name: 'workorders.checklists',
  permission: 'workorders.view',
  input: z.object({}),
  run: (ctx) => listChecklistTemplates(ctx.db, { orgId: ctx.orgId }),
});

export const saveChecklistTemplateOp = defineOperation({
  name: 'workorders.saveChecklist',
  permission: 'workorders.settings',
  input: checklistTemplateSchema,
  run: (ctx, input) => saveChecklistTemplate(ctx.db, { ...ctx.actor, ...input }),
});

export const resetChecklistTemplateOp = defineOperation({
  name: 'workorders.resetChecklist',
  permission: 'workorders.settings',
  input: z.object({ type: z.enum(WORK_ORDER_TYPES, 'validation.invalid') }),
  run: (ctx, input) => resetChecklistTemplate(ctx.db, { ...ctx.actor, ...input }),
});

// ---- The technician's phone app (route handlers under app/api/field) -------------------------

export const myWorkOrdersOp = defineOperation({
  name: 'workorders.fieldList',
  permission: 'workorders.field',
  input: fieldListSchema,
  run: (ctx, input) => listMyWorkOrders(ctx.db, { orgId: ctx.orgId, userId: ctx.userId, ...input }),
});

export const fieldWorkOrderOp = defineOperation({
  name: 'workorders.fieldGet',
  permission: 'workorders.field',
  input: workOrderRefSchema,
  run: (ctx, input) => getFieldWorkOrder(ctx.db, { orgId: ctx.orgId, userId: ctx.userId, id: input.workOrderId }),
});

export const fieldActionOp = defineOperation({
  name: 'workorders.fieldAction',
  permission: 'workorders.field',
  input: fieldActionSchema,
  run: (ctx, action) =>
    applyFieldAction(ctx.db, { orgId: ctx.orgId, userId: ctx.userId, action, locale: ctx.locale, ip: ctx.ip }),
});

export const fieldPhotoOp = defineOperation({
  name: 'workorders.fieldPhoto',
  permission: 'workorders.field',
  input: fieldPhotoSchema,
  run: async (ctx, input) =>
    saveWorkOrderPhoto(ctx.db, {
      orgId: ctx.orgId,
      userId: ctx.userId,
      workOrderId: input.workOrderId,
      key: input.key,
      bytes: Buffer.from(await input.photo.arrayBuffer()),
      mime: input.photo.type,
      takenAt: input.takenAt,
      caption: input.caption,
      locale: ctx.locale,
      ip: ctx.ip,
    }),
});

export const fieldSignatureOp = defineOperation({
  name: 'workorders.fieldSignature',
  permission: 'workorders.field',
  input: fieldSignatureSchema,
  run: async (ctx, input) =>
    saveWorkOrderSignature(ctx.db, {
      orgId: ctx.orgId,
      userId: ctx.userId,
      workOrderId: input.workOrderId,
      key: input.key,
      bytes: Buffer.from(await input.signature.arrayBuffer()),
      signedName: input.signedName,
      locale: ctx.locale,
      ip: ctx.ip,
    }),
});
