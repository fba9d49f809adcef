import type { Locale } from '@/lib/i18n/config';
import { translate } from '@/lib/i18n/translate';
import { bodyText, readBodyCapped } from '@/lib/server/body';
import { failure } from '@/lib/server/operation';
import { apiProblem, type Problem, resultProblem } from './problem';
import type { Match } from './resources';

/** A JSON body larger than this is refused (413): no operation of the table takes more. */
export const API_BODY_MAX_BYTES = 64 * 1024;
export const LIMIT_MAX = 100;

/** The routers list pages by number; the API's cursor carries that number. */
export const encodePageCursor = (page: number) => Buffer.from(`page:${page}`).toString('base64url');
function decodePageCursor(cursor: string): number | null {
  const m = /^page:(\d{1,5})$/.exec(Buffer.from(cursor, 'base64url').toString());
  return m ? Number(m[1]) : null;
}

export type BuiltInput = { ok: true; input: Record<string, unknown>; body: string } | { ok: false; problem: Problem };

const invalid = (locale: Locale, field: string): BuiltInput => ({
  ok: false,
  problem: resultProblem(locale, {
    ...failure(locale, 'validation'),
    fieldErrors: { [field]: translate(locale, 'validation.invalid') },
  }),
});

/**
 * The operation's input from the request: the query string for a read, the JSON body for a
 * change, and the path's `{id}` over either (a body cannot point the call at another record).
 */
export async function buildInput(request: Request, match: Match, locale: Locale): Promise<BuiltInput> {
  const { resource, id } = match;
  let input: Record<string, unknown>;
  let body = '';
  if (resource.method === 'GET' || resource.method === 'DELETE') {
    const query = readQuery(new URL(request.url).searchParams, match, locale);
    if (!query.ok) return query;
    input = query.input;
  } else {
    const read = await readJsonBody(request, locale);
    if (!read.ok) return read;
    input = read.input;
    body = read.body;
  }
  if (resource.id && id !== null) input[resource.id] = id;
  return { ok: true, input, body };
}

function readQuery(params: URLSearchParams, { resource }: Match, locale: Locale): BuiltInput {
  const input: Record<string, unknown> = {};
  for (const [name, value] of params) {
    if (name === 'limit' || name === 'cursor') continue;
    input[name] = resource.booleans?.includes(name) ? value === 'true' || value === '1' : value;
  }
  if (!resource.list) return { ok: true, input, body: '' };
  const limitText = params.get('limit');
  const limit = limitText === null ? null : Number(limitText);
  if (limit !== null && !(Number.isInteger(limit) && limit >= 1 && limit <= LIMIT_MAX)) return invalid(locale, 'limit');
  const cursor = params.get('cursor') || null;
  // Every cursor we hand out is base64url and short; anything else was not ours.
  if (cursor !== null && !/^[A-Za-z0-9_-]{1,300}$/.test(cursor)) return invalid(locale, 'cursor');
  if (resource.list === 'keyset') {
    if (limit !== null) input.limit = limit;
    if (cursor) input.cursor = cursor;
  } else if (resource.list === 'page') {
    if (limit !== null) input.pageSize = limit;
    if (cursor) {
      const page = decodePageCursor(cursor);
      if (page === null) return invalid(locale, 'cursor');
      input.page = page;
    }
  }
  return { ok: true, input, body: '' };
}

async function readJsonBody(request: Request, locale: Locale): Promise<BuiltInput> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const declared = request.headers.get('content-length');
  const empty = declared === '0' || (declared === null && !request.body);
  // An action without fields (approve a payment) may come with no body at all.
  if (!empty && type !== 'application/json' && !type.endsWith('+json'))
    return { ok: false, problem: apiProblem(locale, 'unsupported_media_type') };
  const bytes = await readBodyCapped(request, API_BODY_MAX_BYTES);
  if (!bytes)
    return { ok: false, problem: apiProblem(locale, 'payload_too_large', { max: API_BODY_MAX_BYTES / 1024 }) };
  const text = bodyText(bytes);
  if (text.trim() === '') return { ok: true, input: {}, body: '' };
  if (type !== 'application/json' && !type.endsWith('+json'))
    return { ok: false, problem: apiProblem(locale, 'unsupported_media_type') };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, problem: apiProblem(locale, 'malformed_json') };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    return { ok: false, problem: apiProblem(locale, 'malformed_json') };
  return { ok: true, input: parsed as Record<string, unknown>, body: text };
}
