import type { Database } from '@/db/client';
import { clientIp } from '@/lib/auth/ip';
import type { Locale } from '@/lib/i18n/config';
import { executeOperation, failure } from '@/lib/server/operation';
import {
  claimIdempotency,
  IDEMPOTENCY_KEY_MAX,
  releaseIdempotency,
  requestHash,
  settleIdempotency,
} from './idempotency';
import { buildInput, encodePageCursor } from './input';
import { type ApiPrincipal, apiCtx, authenticateApiKey } from './keys';
import { consumeApiQuota, queueApiCall, touchApiKey, withApiKey } from './metering';
import { apiProblem, localeFromAcceptLanguage, type Problem, problemResponse, resultProblem } from './problem';
import { type Match, matchResource } from './resources';

/** An answer before it is a Response: the idempotency store keeps exactly this. */
type Answer = { status: number; body: unknown; headers?: Record<string, string> };

const fromProblem = (problem: Problem, headers?: Record<string, string>): Answer => ({
  status: problem.status,
  body: problem,
  headers,
});

/**
 * One call to /api/v1/<path>: the bearer key, its quota, the route, the input, then the
 * operation as the key's maker narrowed to the key's scopes. Every call with a known key is
 * logged (4xx too; written in batches, lib/api/metering.ts), and the key's last use is stamped
 * at most once a minute.
 */
export async function handleApiRequest(db: Database, request: Request, path: string[]): Promise<Response> {
  const started = performance.now();
  const locale = localeFromAcceptLanguage(request.headers.get('accept-language'));
  const ip = clientIp((name) => request.headers.get(name));
  const token = bearerToken(request.headers.get('authorization'));
  const auth = await authenticateApiKey(db, token);
  if (!auth.ok)
    return problemResponse(apiProblem(locale, 'api_key_invalid'), {
      'www-authenticate': token ? 'Bearer realm="jaring", error="invalid_token"' : 'Bearer realm="jaring"',
    });
  const principal = auth.principal;
  const route = `/${path.join('/')}`;
  // The log keeps the path as sent (percent-encoded): a decoded one may hold a NUL Postgres refuses.
  const sentPath = new URL(request.url).pathname.replace(/^\/api\/v1/, '') || '/';
  let operation: string | null = null;
  let answer: Answer;
  try {
    const quota = consumeApiQuota(principal.key);
    if (!quota.ok) {
      answer = fromProblem(apiProblem(locale, 'rate_limited'), { 'retry-after': String(quota.retryAfterSeconds) });
    } else {
      const { match, allowed } = matchResource(request.method, route);
      if (!match) {
        answer = allowed.length
          ? fromProblem(apiProblem(locale, 'method_not_allowed'), { allow: allowed.join(', ') })
          : fromProblem(apiProblem(locale, 'route_not_found'));
      } else {
        operation = match.resource.op.name;
        answer = await answerMatched(db, request, { match, principal, locale, ip, route });
      }
    }
  } catch (error) {
    console.error(`api ${request.method} ${route} (${operation ?? 'no operation'}) failed`, error);
    answer = fromProblem(apiProblem(locale, 'internal'));
  }
  queueApiCall(db, {
    orgId: principal.orgId,
    apiKeyId: principal.key.id,
    method: request.method,
    path: sentPath,
    operation,
    status: answer.status,
    durationMs: performance.now() - started,
    ip,
  });
  await touchApiKey(db, principal.key, ip);
  return respond(answer);
}

type Call = { match: Match; principal: ApiPrincipal; locale: Locale; ip: string | null; route: string };

async function answerMatched(db: Database, request: Request, call: Call): Promise<Answer> {
  const { match, principal, locale } = call;
  const built = await buildInput(request, match, locale);
  if (!built.ok) return fromProblem(built.problem);
  const key = request.method === 'POST' ? request.headers.get('idempotency-key') : null;
  if (key === null) return runOperation(db, call, built.input);

  if (key.length === 0 || key.length > IDEMPOTENCY_KEY_MAX)
    return fromProblem(apiProblem(locale, 'idempotency_key_invalid', { max: IDEMPOTENCY_KEY_MAX }));
  const ref = { apiKeyId: principal.key.id, key };
  const claim = await claimIdempotency(db, {
    ...ref,
    orgId: principal.orgId,
    hash: requestHash(request.method, call.route, built.body),
  });
  if (claim.kind === 'in_progress') return fromProblem(apiProblem(locale, 'idempotency_in_progress'));
  if (claim.kind === 'mismatch') return fromProblem(resultProblem(locale, failure(locale, 'idempotency_key_reused')));
  if (claim.kind === 'replay')
    return { status: claim.status, body: claim.body, headers: { 'idempotent-replayed': 'true' } };
  let answer: Answer;
  try {
    answer = await runOperation(db, call, built.input);
  } catch (error) {
    await releaseIdempotency(db, ref);
    throw error;
  }
  await settleIdempotency(db, { ...ref, status: answer.status, json: toJson(answer.body) });
  return answer;
}

async function runOperation(db: Database, call: Call, input: Record<string, unknown>): Promise<Answer> {
  const { match, principal, locale, ip } = call;
  const { resource } = match;
  const ctx = apiCtx(db, principal, { ip, locale });
  const result = await withApiKey(principal.key.id, () => executeOperation(resource.op, ctx, input));
  if (!result.ok) {
    // A malformed id in the path names no record: a 404, as the screens answer it.
    if (result.code === 'validation' && resource.id && result.fieldErrors?.[resource.id])
      return fromProblem(resultProblem(locale, failure(locale, 'not_found')));
    return fromProblem(resultProblem(locale, result));
  }
  const created = resource.method === 'POST' && !resource.path.includes('{id}');
  return { status: created ? 201 : 200, body: envelope(match, result.data) };
}

/** `{ data }` for one record; `{ data: [...], next_cursor }` for a list. */
function envelope({ resource }: Match, data: unknown): unknown {
  if (!resource.list) return { data: data ?? null };
  if (resource.list === 'all') return { data, next_cursor: null };
  const page = data as {
    items: unknown[];
    nextCursor?: string | null;
    total?: number;
    page?: number;
    pageSize?: number;
  };
  if (resource.list === 'keyset') return { data: page.items, next_cursor: page.nextCursor ?? null };
  const more = (page.page ?? 1) * (page.pageSize ?? page.items.length) < (page.total ?? 0);
  return { data: page.items, next_cursor: more ? encodePageCursor((page.page ?? 1) + 1) : null };
}

function bearerToken(header: string | null): string | null {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return m ? m[1]! : null;
}

/** Money is integer rupiah; a bigint column is sent as a number when it fits, else as text. */
const jsonValue = (_key: string, value: unknown) =>
  typeof value === 'bigint' ? (Number.isSafeInteger(Number(value)) ? Number(value) : value.toString()) : value;
const toJson = (body: unknown) => JSON.stringify(body, jsonValue);

function respond(answer: Answer): Response {
  const problem = answer.status >= 400;
  return new Response(toJson(answer.body), {
    status: answer.status,
    headers: {
      'content-type': problem ? 'application/problem+json' : 'application/json',
      'cache-control': 'no-store',
      ...answer.headers,
    },
  });
}
