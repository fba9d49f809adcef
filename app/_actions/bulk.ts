'use server';
import type { z } from 'zod';
import { customersStatusOp, invoicesStatusOp, remindCustomersOp, remindInvoicesOp } from '@/lib/bulk/operations';
import { act } from './act';

export async function remindInvoicesAction(input: z.input<typeof remindInvoicesOp.input>) {
  return act(remindInvoicesOp, input, { revalidate: ['/whatsapp'] });
}

export async function remindCustomersAction(input: z.input<typeof remindCustomersOp.input>) {
  return act(remindCustomersOp, input, { revalidate: ['/whatsapp'] });
}

export async function customersStatusAction(input: z.input<typeof customersStatusOp.input>) {
  return act(customersStatusOp, input, { revalidate: [{ layout: '/customers' }] });
}

export async function invoicesStatusAction(input: z.input<typeof invoicesStatusOp.input>) {
  return act(invoicesStatusOp, input, { revalidate: ['/billing', { layout: '/customers' }] });
}
