import { DEFAULT_LOCALE, type Locale } from '@/lib/i18n/config';
import { translate } from '@/lib/i18n/translate';
import type { Result } from '@/lib/server/operation';

/** The refusals only the API itself gives (the operations' own codes are lib/server/errors.ts). */
export const API_ERROR_CODES = [
  'api_key_invalid',
  'rate_limited',
  'route_not_found',
  'method_not_allowed',
  'unsupported_media_type',
  'payload_too_large',
  'malformed_json',
  'idempotency_key_invalid',
  'idempotency_in_progress',
  'internal',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** RFC 9457 problem details, as every API error is answered. */
export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: Record<string, string>;
};

const STATUS_OF_API_CODE: Record<ApiErrorCode, number> = {
  api_key_invalid: 401,
  rate_limited: 429,
  route_not_found: 404,
  method_not_allowed: 405,
  unsupported_media_type: 415,
  payload_too_large: 413,
  malformed_json: 400,
  idempotency_key_invalid: 422,
  idempotency_in_progress: 409,
  internal: 500,
};

/**
 * An operation's refusal as an HTTP status. What the screens show as a rule of the business
 * (a status that does not allow it, a name already taken) is a conflict with the record's state.
 */
export function statusOfCode(code: string): number {
  const fixed: Record<string, number> = {
    unauthenticated: 401,
    forbidden: 403,
    two_factor_required: 403,
    not_found: 404,
    validation: 422,
    idempotency_key_reused: 422,
    too_many_attempts: 429,
    portal_rate_limited: 429,
  };
  return fixed[code] ?? 409;
}

/** The first language of Accept-Language that Jaring speaks (by q), else Indonesian. */
export function localeFromAcceptLanguage(header: string | null): Locale {
  if (!header) return DEFAULT_LOCALE;
  const ranked = header
    .split(',')
    .slice(0, 20)
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(
        params
          .find((p) => p.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? 1,
      );
      return { lang: tag.trim().toLowerCase().split('-')[0], q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((t) => t.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  const found = ranked.find((t) => t.lang === 'id' || t.lang === 'en');
  return (found?.lang as Locale | undefined) ?? DEFAULT_LOCALE;
}

const typeOf = (code: string) => `/api/docs#error-${code}`;
const titleOf = (locale: Locale, status: number) =>
  translate(
    locale,
    `restApi.status.s${[400, 401, 403, 404, 405, 409, 413, 415, 422, 429].includes(status) ? status : 500}`,
  );

/** A refusal of the API itself (no key, too many calls, a body it cannot read). */
export function apiProblem(locale: Locale, code: ApiErrorCode, params: Record<string, string | number> = {}): Problem {
  const status = STATUS_OF_API_CODE[code];
  return {
    type: typeOf(code),
    title: titleOf(locale, status),
    status,
    detail: translate(locale, `restApi.errors.${code}`, params),
    code,
  };
}

/** An operation's refusal, with the same translated message and field errors the screens show. */
export function resultProblem(locale: Locale, result: Extract<Result<unknown>, { ok: false }>): Problem {
  const status = statusOfCode(result.code);
  return {
    type: typeOf(result.code),
    title: titleOf(locale, status),
    status,
    detail: result.message,
    code: result.code,
    ...(result.fieldErrors ? { errors: result.fieldErrors } : {}),
  };
}

export function problemResponse(problem: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store', ...headers },
  });
}
