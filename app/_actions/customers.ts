'use server';
import type { z } from 'zod';
import {
  checkCoverageOp,
  convertLeadOp,
  createLeadOp,
  importCustomersOp,
  previewImportOp,
  rejectLeadOp,
  transitionSubscriptionOp,
  updateCustomerOp,
  updateSubscriptionServiceOp,
} from '@/lib/customers/operations';
import { act } from './act';

export async function checkCoverageAction(input: z.input<typeof checkCoverageOp.input>) {
  return act(checkCoverageOp, input);
}

export async function createLeadAction(input: z.input<typeof createLeadOp.input>) {
  return act(createLeadOp, input, { revalidate: ['/leads'] });
}

export async function convertLeadAction(input: z.input<typeof convertLeadOp.input>) {
  return act(convertLeadOp, input, { revalidate: ['/leads'] });
}

export async function rejectLeadAction(input: z.input<typeof rejectLeadOp.input>) {
  return act(rejectLeadOp, input, { revalidate: ['/leads'] });
}

export async function updateCustomerAction(input: z.input<typeof updateCustomerOp.input>) {
  return act(updateCustomerOp, input, { revalidate: ['/customers'] });
}

export async function transitionSubscriptionAction(input: z.input<typeof transitionSubscriptionOp.input>) {
  return act(transitionSubscriptionOp, input, { revalidate: ['/customers'] });
}

export async function previewImportAction(input: z.input<typeof previewImportOp.input>) {
  return act(previewImportOp, input);
}

export async function importCustomersAction(input: z.input<typeof importCustomersOp.input>) {
  return act(importCustomersOp, input, { revalidate: ['/customers'] });
}

export async function updateSubscriptionServiceAction(input: z.input<typeof updateSubscriptionServiceOp.input>) {
  return act(updateSubscriptionServiceOp, input, { revalidate: ['/customers'] });
}
