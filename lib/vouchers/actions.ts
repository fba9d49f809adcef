'use server';
import { revalidatePath } from 'next/cache';
import { runAction } from '@/lib/server/action';
import { disableVouchersOp, generateVoucherBatchOp, retryVoucherDeliveryOp, saveVoucherProfileOp, setVoucherProfileActiveOp } from './operations';

export async function saveVoucherProfileAction(input: unknown) {
  const result = await runAction(saveVoucherProfileOp, input);
  if (result.ok) revalidatePath('/vouchers/profiles');
  return result;
}

export async function setVoucherProfileActiveAction(input: unknown) {
  const result = await runAction(setVoucherProfileActiveOp, input);
  if (result.ok) revalidatePath('/vouchers/profiles');
  return result;
}

export async function generateVoucherBatchAction(input: unknown) {
  const result = await runAction(generateVoucherBatchOp, input);
  if (result.ok) revalidatePath('/vouchers');
  return result;
}

export async function disableVouchersAction(input: unknown) {
  const result = await runAction(disableVouchersOp, input);
  if (result.ok) revalidatePath('/vouchers', 'layout');
  return result;
}

export async function retryVoucherDeliveryAction(input: unknown) {
  const result = await runAction(retryVoucherDeliveryOp, input);
  if (result.ok) revalidatePath('/vouchers', 'layout');
  return result;
}
