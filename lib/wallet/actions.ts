'use server';
import { revalidatePath } from 'next/cache';
import { runAction } from '@/lib/server/action';
import {
  adjustWalletOp,
  buyVouchersOp,
  decideTopupOp,
  latestGatewayTopupOp,
  requestTopupOp,
  startGatewayTopupOp,
  topupMethodsOp,
} from './operations';

export async function buyVouchersAction(input: unknown) {
  const result = await runAction(buyVouchersOp, input);
  if (result.ok) revalidatePath('/wallet');
  return result;
}

export async function requestTopupAction(input: unknown) {
  const result = await runAction(requestTopupOp, input);
  if (result.ok) revalidatePath('/wallet');
  return result;
}

export async function topupMethodsAction(input: unknown) {
  return runAction(topupMethodsOp, input);
}

export async function startGatewayTopupAction(input: unknown) {
  return runAction(startGatewayTopupOp, input);
}

/** Polled by the wallet page while a gateway top-up waits to be paid. */
export async function latestGatewayTopupAction() {
  return runAction(latestGatewayTopupOp, {});
}

export async function decideTopupAction(input: unknown) {
  const result = await runAction(decideTopupOp, input);
  if (result.ok) revalidatePath('/resellers/topups');
  return result;
}

export async function adjustWalletAction(input: unknown) {
  const result = await runAction(adjustWalletOp, input);
  if (result.ok) revalidatePath('/resellers/topups');
  return result;
}
