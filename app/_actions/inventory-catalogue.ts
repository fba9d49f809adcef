'use server';
import type { z } from 'zod';
import {
  createItemOp,
  createLocationOp,
  createSupplierOp,
  importStockOp,
  previewStockImportOp,
  setItemActiveOp,
  setLocationActiveOp,
  setSupplierActiveOp,
  updateItemOp,
  updateLocationOp,
  updateSupplierOp,
} from '@/lib/inventory/catalogue-operations';
import {
  cancelPurchaseOrderOp,
  createPurchaseOrderOp,
  orderPurchaseOrderOp,
  receivePurchaseOrderOp,
} from '@/lib/inventory/purchase-operations';
import { act, type Page } from './act';

/** Stock figures show on every inventory page (and the dashboard's warehouse section). */
const STOCK_PAGES: Page[] = [{ layout: '/inventory' }, '/'];

export async function createItemAction(input: z.input<typeof createItemOp.input>) {
  return act(createItemOp, input, { revalidate: [{ layout: '/inventory' }] });
}

export async function updateItemAction(input: z.input<typeof updateItemOp.input>) {
  return act(updateItemOp, input, { revalidate: [{ layout: '/inventory' }] });
}

export async function setItemActiveAction(input: z.input<typeof setItemActiveOp.input>) {
  return act(setItemActiveOp, input, { revalidate: [{ layout: '/inventory' }] });
}

export async function createSupplierAction(input: z.input<typeof createSupplierOp.input>) {
  return act(createSupplierOp, input, { revalidate: ['/inventory/suppliers'] });
}

export async function updateSupplierAction(input: z.input<typeof updateSupplierOp.input>) {
  return act(updateSupplierOp, input, { revalidate: [{ layout: '/inventory' }] });
}

export async function setSupplierActiveAction(input: z.input<typeof setSupplierActiveOp.input>) {
  return act(setSupplierActiveOp, input, { revalidate: ['/inventory/suppliers'] });
}

export async function createLocationAction(input: z.input<typeof createLocationOp.input>) {
  return act(createLocationOp, input, { revalidate: [{ layout: '/inventory' }] });
}

export async function updateLocationAction(input: z.input<typeof updateLocationOp.input>) {
  return act(updateLocationOp, input, { revalidate: [{ layout: '/inventory' }] });
}

export async function setLocationActiveAction(input: z.input<typeof setLocationActiveOp.input>) {
  return act(setLocationActiveOp, input, { revalidate: [{ layout: '/inventory' }] });
}

export async function previewStockImportAction(input: z.input<typeof previewStockImportOp.input>) {
  return act(previewStockImportOp, input);
}

export async function importStockAction(input: z.input<typeof importStockOp.input>) {
  return act(importStockOp, input, { revalidate: STOCK_PAGES });
}

export async function createPurchaseOrderAction(input: z.input<typeof createPurchaseOrderOp.input>) {
  return act(createPurchaseOrderOp, input, { revalidate: ['/inventory/purchase-orders'] });
}

export async function orderPurchaseOrderAction(input: z.input<typeof orderPurchaseOrderOp.input>) {
  return act(orderPurchaseOrderOp, input, { revalidate: [{ layout: '/inventory/purchase-orders' }, '/'] });
}

export async function cancelPurchaseOrderAction(input: z.input<typeof cancelPurchaseOrderOp.input>) {
  return act(cancelPurchaseOrderOp, input, { revalidate: [{ layout: '/inventory/purchase-orders' }, '/'] });
}

export async function receivePurchaseOrderAction(input: z.input<typeof receivePurchaseOrderOp.input>) {
  return act(receivePurchaseOrderOp, input, { revalidate: STOCK_PAGES });
}
