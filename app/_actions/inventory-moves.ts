'use server';
import type { z } from 'zod';
import {
  moveScanOp,
  retireUnitOp,
  returnUnitOp,
  transferOp,
  writeOffQuantityOp,
} from '@/lib/inventory/move-operations';
import { act, type Page } from './act';

/** Every inventory page shows stock somewhere: a move refreshes them all. */
const INVENTORY_PAGES: Page[] = [{ layout: '/inventory' }];

export async function scanForTransferAction(input: z.input<typeof moveScanOp.input>) {
  return act(moveScanOp, input);
}

export async function transferStockAction(input: z.input<typeof transferOp.input>) {
  return act(transferOp, input, { revalidate: INVENTORY_PAGES });
}

export async function retireUnitAction(input: z.input<typeof retireUnitOp.input>) {
  return act(retireUnitOp, input, { revalidate: INVENTORY_PAGES });
}

export async function writeOffQuantityAction(input: z.input<typeof writeOffQuantityOp.input>) {
  return act(writeOffQuantityOp, input, { revalidate: INVENTORY_PAGES });
}

export async function returnUnitAction(input: z.input<typeof returnUnitOp.input>) {
  return act(returnUnitOp, input, { revalidate: INVENTORY_PAGES });
}
