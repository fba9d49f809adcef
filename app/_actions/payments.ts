'use server';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { getLocale } from '@/lib/auth/context';
import { publicView, startInvoicePayment } from '@/lib/payments/checkout';
import {
  recheckTransactionOp,
  refundTransactionOp,
  resolveReviewOp,
  saveGatewaySettingsOp,
  testGatewayOp,
} from '@/lib/payments/operations';
import { GATEWAYS } from '@/lib/payments/types';
import { AppError } from '@/lib/server/errors';
import { runParsed } from '@/lib/server/operation';
import { act, type Page, visitorIp } from './act';

export async function saveGatewaySettingsAction(input: z.input<typeof saveGatewaySettingsOp.input>) {
  return act(saveGatewaySettingsOp, input, { revalidate: ['/settings/payments'] });
}

export async function testGatewayAction(input: z.input<typeof testGatewayOp.input>) {
  return act(testGatewayOp, input, { revalidate: ['/settings/payments'] });
}

/** A transaction changed: its page, the list, and the invoices it paid or reopened. */
const transactionPages = ({ transactionId }: { transactionId: string }): Page[] => [
  `/payments/${transactionId}`,
  '/payments',
  '/billing',
  '/customers',
];

export async function recheckTransactionAction(input: z.input<typeof recheckTransactionOp.input>) {
  return act(recheckTransactionOp, input, { revalidate: transactionPages });
}

export async function refundTransactionAction(input: z.input<typeof refundTransactionOp.input>) {
  return act(refundTransactionOp, input, { revalidate: transactionPages });
}

export async function resolveReviewAction(input: z.input<typeof resolveReviewOp.input>) {
  return act(resolveReviewOp, input, { revalidate: transactionPages });
}

const startSchema = z.object({
  token: z.string().min(10).max(200),
  gateway: z.enum(GATEWAYS, 'validation.invalid'),
  method: z.string().min(1).max(40),
});

/**
 * Public (no login): the customer picked a method on their invoice page. The signed invoice
 * link in `token` is the only authority; the answer holds only what the page shows.
 */
export async function startInvoicePaymentAction(input: z.input<typeof startSchema>) {
  const ip = await visitorIp();
  return runParsed(await getLocale(), startSchema, input, async (p) => {
    try {
      return publicView(await startInvoicePayment(getDb(), { ...p, ip }));
    } catch (error) {
      // A customer cannot fix the ISP's keys: they get a plain message, the transaction's
      // history and the server log keep the gateway's answer.
      if (error instanceof AppError && error.code.startsWith('gateway_')) throw new AppError('payment_unavailable');
      throw error;
    }
  });
}
