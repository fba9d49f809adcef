import 'server-only';
import { revalidatePath } from 'next/cache';
import type { z } from 'zod';
import { getLocale } from '@/lib/auth/context';
import { executePortalOperation, type PortalOperation } from '@/lib/portal/operation';
import { getPortalCtx } from '@/lib/portal/request';
import { failure, type Result } from '@/lib/server/operation';

/**
 * Runs a portal operation for the visitor signed in on `/portal/<slug>` (their cookie, this
 * organization only) and refreshes the portal's pages once it succeeded. Portal actions call
 * this the way staff actions call `act` (the tenant test checks they do).
 */
export async function portalAct<S extends z.ZodType, T>(
  slug: string,
  op: PortalOperation<S, T>,
  input: z.input<S>,
): Promise<Result<T>> {
  const ctx = typeof slug === 'string' ? await getPortalCtx(slug) : null;
  if (!ctx) return failure(await getLocale(), 'unauthenticated');
  const result = await executePortalOperation(op, ctx, input);
  if (result.ok) revalidatePath(`/portal/${slug}`, 'layout');
  return result;
}
