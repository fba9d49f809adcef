'use server';
import type { z } from 'zod';
import {
  approveCountOp,
  cancelCountOp,
  rejectCountOp,
  removeCountEntryOp,
  scanCountOp,
  setCountQuantityOp,
  startCountOp,
  submitCountOp,
} from '@/lib/inventory/count-operations';
import { act, type Page } from './act';

/** The counts list and each count's page; an approval also changes what the stock pages show. */
const COUNT_PAGES: Page[] = [{ layout: '/inventory/counts' }];
const STOCK_PAGES: Page[] = [{ layout: '/inventory' }];

export async function startCountAction(input: z.input<typeof startCountOp.input>) {
  return act(startCountOp, input, { revalidate: COUNT_PAGES });
}

export async function scanCountAction(input: z.input<typeof scanCountOp.input>) {
  return act(scanCountOp, input);
}

export async function setCountQuantityAction(input: z.input<typeof setCountQuantityOp.input>) {
  return act(setCountQuantityOp, input, { revalidate: COUNT_PAGES });
}

export async function removeCountEntryAction(input: z.input<typeof removeCountEntryOp.input>) {
  return act(removeCountEntryOp, input, { revalidate: COUNT_PAGES });
}

export async function submitCountAction(input: z.input<typeof submitCountOp.input>) {
  return act(submitCountOp, input, { revalidate: COUNT_PAGES });
}

export async function cancelCountAction(input: z.input<typeof cancelCountOp.input>) {
  return act(cancelCountOp, input, { revalidate: COUNT_PAGES });
}

export async function approveCountAction(input: z.input<typeof approveCountOp.input>) {
  return act(approveCountOp, input, { revalidate: STOCK_PAGES });
}

export async function rejectCountAction(input: z.input<typeof rejectCountOp.input>) {
  return act(rejectCountOp, input, { revalidate: COUNT_PAGES });
}
