'use server';
import type { z } from 'zod';
import {
  confirmOutageOp,
  creditOutageOp,
  dismissOutageOp,
  markDownOp,
  previewOutageOp,
  resolveOutageOp,
  searchElementsOp,
} from '@/lib/outages/operations';
import { act, type Page } from './act';

/** The outages pages, the incident tickets and the customers' pending charges show what these change. */
const OUTAGE_PAGES: Page[] = [{ layout: '/outages' }, { layout: '/tickets' }];

export async function previewOutageAction(input: z.input<typeof previewOutageOp.input>) {
  return act(previewOutageOp, input);
}

export async function searchElementsAction(input: z.input<typeof searchElementsOp.input>) {
  return act(searchElementsOp, input);
}

export async function markDownAction(input: z.input<typeof markDownOp.input>) {
  return act(markDownOp, input, { revalidate: OUTAGE_PAGES });
}

export async function confirmOutageAction(input: z.input<typeof confirmOutageOp.input>) {
  return act(confirmOutageOp, input, { revalidate: OUTAGE_PAGES });
}

export async function dismissOutageAction(input: z.input<typeof dismissOutageOp.input>) {
  return act(dismissOutageOp, input, { revalidate: OUTAGE_PAGES });
}

export async function resolveOutageAction(input: z.input<typeof resolveOutageOp.input>) {
  return act(resolveOutageOp, input, { revalidate: OUTAGE_PAGES });
}

export async function creditOutageAction(input: z.input<typeof creditOutageOp.input>) {
  return act(creditOutageOp, input, { revalidate: [...OUTAGE_PAGES, { layout: '/customers' }] });
}
