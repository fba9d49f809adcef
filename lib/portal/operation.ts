import type { z } from 'zod';
import type { Database } from '@/db/client';
import type { Locale } from '@/lib/i18n/config';
import { type Result, runParsed } from '@/lib/server/operation';

/**
 * Who is asking in the customer portal: a signed-in phone number (every customer of the
 * organization under it) or one customer (customer number + password). Built per request
 * from the portal session cookie (lib/portal/session.ts); never from anything the browser
 * sends in the body.
 */
export type PortalCtx = {
  db: Database;
  orgId: string;
  sessionId: string;
  /** The customers this visitor may see and act for; every query filters by them and orgId. */
  customerIds: string[];
  phone: string | null;
  ip: string | null;
  locale: Locale;
};

/**
 * One thing a customer can do in the portal. Like staff operations (lib/server/operation.ts)
 * every portal entry point is one of these, listed in PORTAL_OPERATIONS (lib/operations.ts),
 * so the tenant test walks them all; there is no permission, the scope is `customerIds`.
 */
export type PortalOperation<S extends z.ZodType, T> = {
  name: string;
  input: S;
  run: (ctx: PortalCtx, input: z.output<S>) => Promise<T>;
};

export function definePortalOperation<S extends z.ZodType, T>(op: PortalOperation<S, T>): PortalOperation<S, T> {
  return op;
}

export async function executePortalOperation<S extends z.ZodType, T>(
  op: PortalOperation<S, T>,
  ctx: PortalCtx,
  raw: unknown,
): Promise<Result<T>> {
  return runParsed(ctx.locale, op.input, raw, (input) => op.run(ctx, input));
}

/** What the audit log records as the actor of a customer's own change (no staff user). */
export function portalAuditData(ctx: PortalCtx, data: Record<string, unknown> = {}) {
  return { ...data, channel: 'portal', phone: ctx.phone, portalSessionId: ctx.sessionId };
}
