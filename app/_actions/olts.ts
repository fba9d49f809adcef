'use server';
import type { z } from 'zod';
import {
  assignOnuSubscriptionOp,
  deleteOltOp,
  deletePonPortOp,
  ponFeedTargetsOp,
  saveOltOp,
  savePonPortOp,
  setPonFeedOp,
} from '@/lib/fibre/record-operations';
import { act } from './act';

export async function saveOltAction(input: z.input<typeof saveOltOp.input>) {
  return act(saveOltOp, input, { revalidate: [{ layout: '/olts' }] });
}

export async function deleteOltAction(input: z.input<typeof deleteOltOp.input>) {
  return act(deleteOltOp, input, { revalidate: [{ layout: '/olts' }] });
}

export async function savePonPortAction(input: z.input<typeof savePonPortOp.input>) {
  return act(savePonPortOp, input, { revalidate: [{ layout: '/olts' }] });
}

export async function deletePonPortAction(input: z.input<typeof deletePonPortOp.input>) {
  return act(deletePonPortOp, input, { revalidate: [{ layout: '/olts' }] });
}

export async function setPonFeedAction(input: z.input<typeof setPonFeedOp.input>) {
  return act(setPonFeedOp, input, { revalidate: [{ layout: '/olts' }, { layout: '/network' }] });
}

/** The port's "link ODC/ODP" picker searches as the operator types. */
export async function ponFeedTargetsAction(input: z.input<typeof ponFeedTargetsOp.input>) {
  return act(ponFeedTargetsOp, input);
}

export async function assignOnuSubscriptionAction(input: z.input<typeof assignOnuSubscriptionOp.input>) {
  return act(assignOnuSubscriptionOp, input, { revalidate: [{ layout: '/olts' }] });
}
