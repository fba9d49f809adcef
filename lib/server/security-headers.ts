/**
 * The headers every response carries (set by proxy.ts at run time, so APP_URL and
 * MAP_TILE_URL are the running server's, not the build machine's).
 *
 * Pages get a Content-Security-Policy with a fresh nonce per request: Next.js puts the nonce
 * on its own inline and chunk scripts, and 'strict-dynamic' lets those load the rest, so no
 * injected script runs. Styles stay 'unsafe-inline' (React style attributes, Leaflet's
 * positioning); images may come from the map's tile server. frame-ancestors 'self' keeps
 * other sites from framing Jaring (clickjacking).
 */
export type HeaderOptions = { appUrl: string; tileUrl: string; dev?: boolean };

/** The tile server's origin for img-src: `https://{s}.tile.example.org/...` → `https://*.tile.example.org`. */
export function tileOrigin(tileUrl: string): string | null {
  const m = /^(https?:)\/\/([^/?#]+)/i.exec(tileUrl.trim());
  if (!m) return null;
  const host = m[2]!.replace(/\{s\}/g, '*');
  // Any other placeholder in the host cannot be written as a source: allow the scheme.
  return /[{}]/.test(host) ? m[1]! : `${m[1]}//${host}`;
}

export function pageCsp(nonce: string, o: HeaderOptions): string {
  const tiles = tileOrigin(o.tileUrl);
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${o.dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${tiles ? ` ${tiles}` : ''}`,
    "font-src 'self' data:",
    `connect-src 'self'${o.dev ? ' ws: wss:' : ''}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'self'",
  ].join('; ');
}

/** What every response carries, pages and route handlers alike. */
export function commonSecurityHeaders(o: HeaderOptions): Record<string, string> {
  return {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'x-frame-options': 'SAMEORIGIN',
    // Only when the operator serves Jaring over HTTPS: HSTS on plain HTTP would be ignored,
    // and on a LAN install without TLS it must never be promised.
    ...(o.appUrl.startsWith('https://') ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}

/** Route handlers (JSON, PDFs, slips, CSV) render nothing themselves: they only must not be framed. */
export const ROUTE_CSP = "frame-ancestors 'self'";
