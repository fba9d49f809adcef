import 'server-only';
import type { z } from 'zod';
import { getActionContext, getLocale, getSessionInfo } from '@/lib/auth/context';
import { executeOperation, failure, type Operation, type Result } from './operation';

/** What every server action and route handler does first: who is asking, then the operation. */
export async function runAction<S extends z.ZodType, T>(op: Operation<S, T>, raw: unknown): Promise<Result<T>> {
  const ctx = await getActionContext();
  if (!ctx) return failure(await getLocale(), 'unauthenticated');
  // Until a member the organization requires it of has set up two-factor sign-in, only
  // their own account's operations (where they set it up) run.
  if ((await getSessionInfo())?.mustEnrolTwoFactor && !op.name.startsWith('account.'))
    return failure(ctx.locale, 'two_factor_required');
  return executeOperation(op, ctx, raw);
}

/** Route handlers answer with the operation's result and the matching HTTP status. */
export function toResponse<T>(result: Result<T>): Response {
  if (result.ok) return Response.json(result.data);
  const status =
    {
      unauthenticated: 401,
      forbidden: 403,
      two_factor_required: 403,
      not_found: 404,
      validation: 422,
      idempotency_key_reused: 422,
    }[result.code as string] ?? 400;
  return Response.json(result, { status });
}
