import { z } from 'zod';
import { defineOperation } from '@/lib/server/operation';
import { itemChoices } from './items';
import { storeChoices } from './locations';
import {
  changePurchaseOrderStatus,
  createPurchaseOrder,
  getPurchaseOrder,
  listPurchaseOrders,
} from './purchase-orders';
import {
  createPurchaseOrderSchema,
  listPurchaseOrdersSchema,
  purchaseOrderIdSchema,
  receiveSchema,
} from './purchase-schemas';
import { receivePurchaseOrder } from './receiving';
import { supplierChoices } from './suppliers';

export const listPurchaseOrdersOp = defineOperation({
  name: 'inventory.purchaseOrders.list',
  permission: 'inventory.manage',
  input: listPurchaseOrdersSchema,
  run: (ctx, input) => listPurchaseOrders(ctx.db, { orgId: ctx.orgId, ...input }),
});

export const getPurchaseOrderOp = defineOperation({
  name: 'inventory.purchaseOrders.get',
  permission: 'inventory.manage',
  input: purchaseOrderIdSchema,
  run: (ctx, input) => getPurchaseOrder(ctx.db, { orgId: ctx.orgId, ...input }),
});

/** What a new order (and a receipt) chooses from: active suppliers, items, warehouses and shelves. */
export const purchaseChoicesOp = defineOperation({
  name: 'inventory.purchaseOrders.choices',
  permission: 'inventory.manage',
  input: z.object({}),
  run: async (ctx) => ({
    suppliers: await supplierChoices(ctx.db, { orgId: ctx.orgId }),
    items: await itemChoices(ctx.db, { orgId: ctx.orgId }),
    stores: await storeChoices(ctx.db, { orgId: ctx.orgId }),
  }),
});

export const createPurchaseOrderOp = defineOperation({
  name: 'inventory.purchaseOrders.create',
  permission: 'inventory.manage',
  input: createPurchaseOrderSchema,
  run: (ctx, input) => createPurchaseOrder(ctx.db, { ...ctx.actor, input }),
});

/** Sent to the supplier: from here on it can be received. */
export const orderPurchaseOrderOp = defineOperation({
  name: 'inventory.purchaseOrders.order',
  permission: 'inventory.manage',
  input: purchaseOrderIdSchema,
  run: (ctx, input) => changePurchaseOrderStatus(ctx.db, { ...ctx.actor, ...input, action: 'order' }),
});

export const cancelPurchaseOrderOp = defineOperation({
  name: 'inventory.purchaseOrders.cancel',
  permission: 'inventory.manage',
  input: purchaseOrderIdSchema,
  run: (ctx, input) => changePurchaseOrderStatus(ctx.db, { ...ctx.actor, ...input, action: 'cancel' }),
});

export const receivePurchaseOrderOp = defineOperation({
  name: 'inventory.purchaseOrders.receive',
  permission: 'inventory.manage',
  input: receiveSchema,
  run: (ctx, input) => receivePurchaseOrder(ctx.db, { ...ctx.actor, input }),
});
