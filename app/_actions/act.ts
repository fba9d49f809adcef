import 'server-only';
import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import type { z } from 'zod';
import { clientIp } from '@/lib/auth/ip';
import { runAction } from '@/lib/server/action';
import type { Operation, Result } from '@/lib/server/operation';

/** A page that shows what an action changed: its path, or `{ layout }` for the path and every page below it. */
export type Page = string | { layout: string };

/**
 * Runs an operation for the signed-in member (session, permission, parsing: `runAction`) and,
 * once it succeeded, refreshes the pages that show what it changed.
 */
export async function act<S extends z.ZodType, T>(
  op: Operation<S, T>,
  input: z.input<S>,
  opts: { revalidate?: Page[] | ((input: z.input<S>) => Page[]) } = {},
): Promise<Result<T>> {
  const result = await runAction(op, input);
  if (!result.ok || !opts.revalidate) return result;
  const pages = typeof opts.revalidate === 'function' ? opts.revalidate(input) : opts.revalidate;
  for (const page of pages) {
    if (typeof page === 'string') revalidatePath(page);
    else revalidatePath(page.layout, 'layout');
  }
  return result;
}

/** For public actions (no member yet): the visitor's address, for the audit log and rate limits. */
export async function visitorIp() {
  const h = await headers();
  return clientIp((name) => h.get(name));
}
