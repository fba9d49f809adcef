/**
 * An endpoint's address as screens, the audit log, messages and logs show it. Receivers often
 * take their shared token in the query string (`?token=…`) or the user-info (`user:pass@`),
 * so every query value and the user-info are masked; the scheme, host, path and parameter
 * names stay, so the admin still recognises the address. Only the stored endpoint (and the
 * request itself) carries the address in full.
 */
export const MASK = '•••';

export function maskEndpointUrl(url: string): string {
  const [beforeHash, ...hash] = url.split('#');
  const [base = '', ...rest] = beforeHash!.split('?');
  const query = rest.join('?');
  const maskedBase = base.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, `$1${MASK}@`);
  const maskedQuery = query ? `?${maskQuery(query)}` : rest.length ? '?' : '';
  const maskedHash = hash.length ? `#${MASK}` : '';
  return `${maskedBase}${maskedQuery}${maskedHash}`;
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
 * was given it) taken again from the stored address: the admin can change the path or add a
 * parameter without typing the token again. Stored values are only ever sent where they were
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
  if (typedBase.includes(MASK)) return missing;
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
  const url = `${typedBase}${typedRest.length ? `?${pairs.join('&')}` : ''}${typedHash.length ? `#${hash}` : ''}`;
  return { ok: true, url };
}
