'use server';
import { revalidatePath } from 'next/cache';
import type { z } from 'zod';
import { getLocale } from '@/lib/auth/context';
import { executePortalOperation } from '@/lib/portal/operation';
import { getPortalCtx } from '@/lib/portal/request';
import { decideServiceRequestOp } from '@/lib/requests/operations';
import {
  portalCancelRequestOp,
  portalCreateRequestOp,
  portalQuotePlanChangeOp,
} from '@/lib/requests/portal-operations';
import { failure } from '@/lib/server/operation';
import { act } from './act';

/** Staff approve or reject: the request's page, the list and the navigation's count. */
export async function decideServiceRequestAction(input: z.input<typeof decideServiceRequestOp.input>) {
  return act(decideServiceRequestOp, input, {
    revalidate: (i) => [`/requests/${(i as { id: string }).id}`, '/requests', { layout: '/' }],
  });
}

/**
 * Portal (the customer's own sign-in, not a member's): the visitor is read from the portal
 * cookie of the organization whose portal they are on; the slug only says which portal.
 */
async function portalRun<I, T>(
  slug: string,
  op: Parameters<typeof executePortalOperation<z.ZodType, T>>[0],
  input: I,
  refresh: boolean,
) {
  const ctx = await getPortalCtx(String(slug).slice(0, 100));
  if (!ctx) return failure(await getLocale(), 'unauthenticated');
  const result = await executePortalOperation(op, ctx, input);
  if (result.ok && refresh) revalidatePath(`/portal/${slug}/requests`);
  return result;
}

export async function portalQuoteAction(slug: string, input: z.input<typeof portalQuotePlanChangeOp.input>) {
  return portalRun(slug, portalQuotePlanChangeOp, input, false);
}

export async function portalCreateRequestAction(slug: string, input: z.input<typeof portalCreateRequestOp.input>) {
  return portalRun(slug, portalCreateRequestOp, input, true);
}

export async function portalCancelRequestAction(slug: string, input: z.input<typeof portalCancelRequestOp.input>) {
  return portalRun(slug, portalCancelRequestOp, input, true);
}
