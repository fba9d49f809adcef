import 'server-only';
import { forbidden, notFound } from 'next/navigation';
import type { z } from 'zod';
import { type Ctx, executeOperation, type Operation } from './operation';

/** Runs one operation as the page's member and returns its data. */
export type Read = <S extends z.ZodType, T>(op: Operation<S, T>, input: z.input<S>) => Promise<T>;

/**
 * How server components read: through the same operations as server actions and route
 * handlers, so the permission, the input schema and the tenant filter are the ones those
 * entry points use. A refusal is the 403 page; a record the organization does not have, or
 * a malformed id or filter in the URL, is the 404 page; any other failure is a real error.
 */
export function reader(ctx: Ctx): Read {
  return async (op, input) => {
    const result = await executeOperation(op, ctx, input);
    if (result.ok) return result.data;
    if (result.code === 'forbidden') forbidden();
    if (result.code === 'not_found' || result.code === 'validation') notFound();
    throw new Error(`${op.name} failed: ${result.code} (${result.message})`);
  };
}
