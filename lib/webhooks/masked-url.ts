/**
 * An endpoint's address as screens, the audit log, messages and logs show it. Receivers often
 * take their shared token in the query string (`?token=…`), the user-info (`user:pass@`) or
 * the path (Slack's `hooks.slack.com/services/T…/B…/<token>`, Discord's
 * `/api/webhooks/<id>/<token>`), so every query value, the user-info and every path segment
 * that looks like a secret are masked; the scheme, host, the rest of the path and parameter
 * names stay, so the admin still recognises the address. Only the stored endpoint (and the
 * request itself) carries the address in full.
 */
export const MASK = '•••';

export function maskEndpointUrl(url: string): string {
  const [beforeHash, ...hash] = url.split('#');
  const [base = '', ...rest] = beforeHash!.split('?');
  const query = rest.join('?');
  const { prefix, path } = splitBase(base);
  const maskedPrefix = prefix.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, `$1${MASK}@`);
  const maskedQuery = query ? `?${maskQuery(query)}` : rest.length ? '?' : '';
  const maskedHash = hash.length ? `#${MASK}` : '';
  return `${maskedPrefix}${maskPath(prefix, path).join('/')}${maskedQuery}${maskedHash}`;
}

const maskQuery = (query: string) =>
  query
    .split('&')
    .map((pair) => {
      const at = pair.indexOf('=');
      if (at < 0) return pair;
      return at === pair.length - 1 ? pair : `${pair.slice(0, at)}=${MASK}`;
    })
    .join('&');

/** `scheme://authority` and the path after it (all of it a path when there is no scheme). */
function splitBase(base: string) {
  const m = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)(.*)$/i.exec(base);
  return m ? { prefix: m[1]!, path: m[2]! } : { prefix: '', path: base };
}

// A generated token: long, letters and digits mixed (ids such as Slack's T…/B… are shorter,
// Discord's webhook id is digits only, and words such as "IncomingWebhook" have no digit).
const looksSecret = (segment: string) => segment.length >= 16 && /[a-z]/i.test(segment) && /\d/.test(segment);

// Hosts whose webhook address ends in the token, whatever it looks like.
const tokenIsLast = (host: string, path: string) =>
  (host === 'hooks.slack.com' && path.startsWith('/services/')) ||
  (/^((ptb|canary)\.)?discord(app)?\.com$/.test(host) && /^\/api\/(v\d+\/)?webhooks\//.test(path));

/** The path's segments, those that look like a secret replaced by •••. */
function maskPath(prefix: string, path: string): string[] {
  const host = prefix
    .replace(/^[a-z][a-z0-9+.-]*:\/\/([^/?#]*@)?/i, '')
    .replace(/:\d*$/, '')
    .toLowerCase();
  const segments = path.split('/');
  const last = segments.findLastIndex(Boolean);
  const hookToken = tokenIsLast(host, path);
  return segments.map((s, i) => (s && (looksSecret(s) || (hookToken && i === last)) ? MASK : s));
}

/** Scheme, host and port as a request would go to them; null when the text is no URL. */
function origin(url: string): string | null {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.hostname}:${u.port}`;
  } catch {
    return null;
  }
}

export type Unmasked = { ok: true; url: string } | { ok: false; reason: 'other_host' | 'no_stored_value' };

/**
 * The address an edit form sent back, with each masked query value (`name=•••`, as the form
 * was given it) and masked path segment (at the same place in the path) taken again from the
 * stored address: the admin can change the path or add a parameter without typing the token
 * again. Stored values are only ever sent where they were
 * going: when the scheme, host or port changed, a ••• is refused (`other_host`), or anyone
 * allowed to edit the endpoint could send its token to their own server. A masked value with
 * no stored one to take (the parameter was renamed) is refused too: the form asks for it.
 */
export function unmaskEndpointUrl(typed: string, stored: string): Unmasked {
  if (!typed.includes(MASK)) return { ok: true, url: typed };
  const sameOrigin = origin(typed);
  if (sameOrigin === null || sameOrigin !== origin(stored)) return { ok: false, reason: 'other_host' };
  if (typed === maskEndpointUrl(stored)) return { ok: true, url: stored };
  const missing = { ok: false, reason: 'no_stored_value' } as const;
  const [typedUrl = '', ...typedHash] = typed.split('#');
  const [storedUrl = '', ...storedHash] = stored.split('#');
  const [typedBase = '', ...typedRest] = typedUrl.split('?');
  const storedQuery = storedUrl.split('?').slice(1).join('?');
  const storedValues = new Map<string, string[]>();
  for (const pair of storedQuery ? storedQuery.split('&') : []) {
    const at = pair.indexOf('=');
    if (at < 0) continue;
    const name = pair.slice(0, at);
    storedValues.set(name, [...(storedValues.get(name) ?? []), pair.slice(at + 1)]);
  }
  const typedParts = splitBase(typedBase);
  if (typedParts.prefix.includes(MASK)) return missing;
  const path = unmaskPath(typedParts.path, splitBase(storedUrl.split('?')[0]!));
  if (path === null) return missing;
  let hash = typedHash.join('#');
  if (hash === MASK && storedHash.length) hash = storedHash.join('#');
  else if (hash.includes(MASK)) return missing;
  const pairs: string[] = [];
  for (const pair of typedRest.length ? typedRest.join('?').split('&') : []) {
    const at = pair.indexOf('=');
    if (at < 0 || pair.slice(at + 1) !== MASK) {
      if (pair.includes(MASK)) return missing;
      pairs.push(pair);
      continue;
    }
    const name = pair.slice(0, at);
    const value = storedValues.get(name)?.shift();
    if (value === undefined) return missing;
    pairs.push(`${name}=${value}`);
  }
  const url = `${typedParts.prefix}${path}${typedRest.length ? `?${pairs.join('&')}` : ''}${typedHash.length ? `#${hash}` : ''}`;
  return { ok: true, url };
}

/**
 * The typed path with each ••• segment taken from the same place in the stored path, where
 * the stored segment is one that is masked; null when there is none to take.
 */
function unmaskPath(typed: string, stored: { prefix: string; path: string }): string | null {
  if (!typed.includes(MASK)) return typed;
  const storedSegments = stored.path.split('/');
  const masked = maskPath(stored.prefix, stored.path);
  const segments: string[] = [];
  for (const [i, segment] of typed.split('/').entries()) {
    if (segment === MASK && masked[i] === MASK) segments.push(storedSegments[i]!);
    else if (segment.includes(MASK)) return null;
    else segments.push(segment);
  }
  return segments.join('/');
}
