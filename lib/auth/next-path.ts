/**
 * Where to go after signing in (`/login?next=…`): only a path on this site. Browsers drop
 * tabs and newlines from URLs and read `\` as `/`, so `/\t/evil.test` or `/\evil.test` would
 * leave the site; the value is resolved as a browser would and must stay on the same origin,
 * with no control characters or backslashes anywhere. Anything else is `/`.
 */
export function safeNextPath(next: unknown): string {
  if (typeof next !== 'string' || !next.startsWith('/')) return '/';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return '/';
  let url: URL;
  try {
    url = new URL(next, 'http://x');
  } catch {
    return '/';
  }
  if (url.origin !== 'http://x') return '/';
  const path = `${url.pathname}${url.search}${url.hash}`;
  // A path that still starts with `//` (or `/%09/` a browser would decode) reads as a host.
  return /^\/(?![/\\])/.test(path) && !/^\/%(?:0[0-9a-f]|1[0-9a-f]|5c|2f)/i.test(path) ? path : '/';
}
