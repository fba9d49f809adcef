'use server';
import { headers } from 'next/headers';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { clientIp } from '@/lib/auth/ip';
import { getLocale } from '@/lib/auth/context';
import { AppError } from '@/lib/server/errors';
import { runParsed } from '@/lib/server/operation';
import { publicView, startInvoicePayment } from './checkout';
import { GATEWAYS } from './types';

const startSchema = z.object({
  token: z.string().min(10).max(200),
  gateway: z.enum(GATEWAYS, 'validation.invalid'),
  method: z.string().min(1).max(40),
});

/**
 * Public (no login): the customer picked a method on their invoice page. The signed invoice
 * link in `token` is the only authority; the answer holds only what the page shows.
 */
export async function startInvoicePaymentAction(input: unknown) {
  const h = await headers();
  const ip = clientIp((name) => h.get(name));
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
