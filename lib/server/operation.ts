import type { z } from 'zod';
import type { Database } from '@/db/client';
import { can, type Permission, type Role } from '@/lib/auth/permissions';
import type { Locale } from '@/lib/i18n/config';
import { translate } from '@/lib/i18n/translate';
import { AppError, type ErrorCode } from './errors';

/** Who is acting, in which organization, from where. Built from the session per request. */
export type Ctx = {
  db: Database;
  userId: string;
  orgId: string;
  role: Role;
  ip: string | null;
  locale: Locale;
  /** What a change is attributed to in the audit log: `mutation(ctx.db, { ...ctx.actor, input })`. */
  actor: Actor;
  /** A call through the REST API: only these permissions (the key's scopes), whatever the role holds. */
  scopes?: ReadonlySet<Permission>;
  /** A call through the REST API: the key it came with (lib/api/keys.ts). */
  apiKeyId?: string;
};

export type Actor = { orgId: string; actorUserId: string; ip: string | null };

/** A context from who is asking; the actor follows from them, so the two cannot disagree. */
export function makeCtx(who: Omit<Ctx, 'actor'>): Ctx {
  return { ...who, actor: { orgId: who.orgId, actorUserId: who.userId, ip: who.ip } };
}

export type Result<T> =
  | { ok: true; data: T }
  | { ok: false; code: ErrorCode; message: string; fieldErrors?: Record<string, string> };

/**
 * One thing a signed-in member can do in their organization. Server actions, route handlers
 * and tests all run it through `executeOperation`, so the permission check and input parsing
 * cannot be skipped by a new entry point.
 */
export type Operation<S extends z.ZodType, T> = {
  name: string;
  permission: Permission;
  input: S;
  run: (ctx: Ctx, input: z.output<S>) => Promise<T>;
};

export function defineOperation<S extends z.ZodType, T>(op: Operation<S, T>): Operation<S, T> {
  return op;
}

/** Whether this caller may do `permission`: their role holds it and, through the API, the key's scopes do. */
export function ctxCan(ctx: Pick<Ctx, 'role' | 'scopes'>, permission: Permission): boolean {
  return can(ctx.role, permission) && (!ctx.scopes || ctx.scopes.has(permission));
}

export async function executeOperation<S extends z.ZodType, T>(
  op: Operation<S, T>,
  ctx: Ctx,
  raw: unknown,
): Promise<Result<T>> {
  if (!ctxCan(ctx, op.permission)) return failure(ctx.locale, 'forbidden');
  return runParsed(ctx.locale, op.input, raw, (input) => op.run(ctx, input));
}

/** Parses the input, runs, and turns expected failures (AppError) into a translated result. */
export async function runParsed<S extends z.ZodType, T>(
  locale: Locale,
  schema: S,
  raw: unknown,
  run: (input: z.output<S>) => Promise<T>,
): Promise<Result<T>> {
  const nul = pathWithNul(raw);
  if (nul !== null)
    return {
      ...failure(locale, 'validation'),
      fieldErrors: { [nul || '_']: translate(locale, 'validation.noControlCharacters') },
    };
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      fieldErrors[issue.path.join('.') || '_'] ??= translate(locale, issueMessageKey(issue));
    }
    return { ...failure(locale, 'validation'), fieldErrors };
  }
  try {
    return { ok: true, data: await run(parsed.data) };
  } catch (error) {
    if (error instanceof AppError) {
      const result = failure(locale, error.code, error.params);
      if (!error.fieldErrors) return result;
      return {
        ...result,
        fieldErrors: Object.fromEntries(Object.entries(error.fieldErrors).map(([k, v]) => [k, translate(locale, v)])),
      };
    }
    throw error;
  }
}

/**
 * Where the input holds a NUL character, if anywhere. Postgres text and jsonb cannot store it,
 * so it would fail deep in a query (a 500); no form or client of ours ever sends one.
 */
function pathWithNul(value: unknown, at: string[] = [], depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? at.join('.') : null;
  if (depth > 8 || value === null || typeof value !== 'object' || value instanceof Blob) return null;
  for (const [key, inner] of Object.entries(value)) {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the NUL is what it strips
    if (key.includes('\u0000')) return [...at, key.replace(/\u0000/g, '')].join('.');
    const found = pathWithNul(inner, [...at, key], depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/** Parameters written as `@key` are themselves translated (e.g. `@statuses.active`). */
export function failure(locale: Locale, code: ErrorCode, params: Record<string, string | number> = {}) {
  const shown = Object.fromEntries(
    Object.entries(params).map(([k, v]) => [
      k,
      typeof v === 'string' && v.startsWith('@') ? translate(locale, v.slice(1)) : v,
    ]),
  );
  return { ok: false as const, code, message: translate(locale, `errors.${code}`, shown) };
}

/** Schemas name their message keys (`validation.phone`); anything else reads as "invalid". */
export function issueMessageKey(issue: { message: string }): string {
  return issue.message.startsWith('validation.') ? issue.message : 'validation.invalid';
}
