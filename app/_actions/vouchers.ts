'use server';
import type { z } from 'zod';
import {
  disableVouchersOp,
  generateVoucherBatchOp,
  retryVoucherDeliveryOp,
  saveVoucherProfileOp,
  setVoucherProfileActiveOp,
} from '@/lib/vouchers/operations';
import { act } from './act';

export async function saveVoucherProfileAction(input: z.input<typeof saveVoucherProfileOp.input>) {
  return act(saveVoucherProfileOp, input, { revalidate: ['/vouchers/profiles'] });
}

export async function setVoucherProfileActiveAction(input: z.input<typeof setVoucherProfileActiveOp.input>) {
  return act(setVoucherProfileActiveOp, input, { revalidate: ['/vouchers/profiles'] });
}

export async function generateVoucherBatchAction(input: z.input<typeof generateVoucherBatchOp.input>) {
  return act(generateVoucherBatchOp, input, { revalidate: ['/vouchers'] });
}

/** The batch list and each batch's page show the vouchers' states. */
export async function disableVouchersAction(input: z.input<typeof disableVouchersOp.input>) {
  return act(disableVouchersOp, input, { revalidate: [{ layout: '/vouchers' }] });
}

export async function retryVoucherDeliveryAction(input: z.input<typeof retryVoucherDeliveryOp.input>) {
  return act(retryVoucherDeliveryOp, input, { revalidate: [{ layout: '/vouchers' }] });
}
