'use server';
import type { z } from 'zod';
import {
  adjustWalletOp,
  buyVouchersOp,
  decideTopupOp,
  latestGatewayTopupOp,
  requestTopupOp,
  startGatewayTopupOp,
  topupMethodsOp,
} from '@/lib/wallet/operations';
import { act } from './act';

export async function buyVouchersAction(input: z.input<typeof buyVouchersOp.input>) {
  return act(buyVouchersOp, input, { revalidate: ['/wallet'] });
}

export async function requestTopupAction(input: z.input<typeof requestTopupOp.input>) {
  return act(requestTopupOp, input, { revalidate: ['/wallet'] });
}

export async function topupMethodsAction(input: z.input<typeof topupMethodsOp.input>) {
  return act(topupMethodsOp, input);
}

export async function startGatewayTopupAction(input: z.input<typeof startGatewayTopupOp.input>) {
  return act(startGatewayTopupOp, input);
}

/** Polled by the wallet page while a gateway top-up waits to be paid. */
export async function latestGatewayTopupAction() {
  return act(latestGatewayTopupOp, {});
}

export async function decideTopupAction(input: z.input<typeof decideTopupOp.input>) {
  return act(decideTopupOp, input, { revalidate: ['/resellers/topups'] });
}

export async function adjustWalletAction(input: z.input<typeof adjustWalletOp.input>) {
  return act(adjustWalletOp, input, { revalidate: ['/resellers/topups'] });
}
