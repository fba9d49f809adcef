import { type NextRequest, NextResponse } from 'next/server';
import { getToken } from 'next-auth/jwt';
import { env } from '@/lib/env';
import { declaredBodyWithin } from '@/lib/server/body';
import { commonSecurityHeaders, pageCsp, ROUTE_CSP } from '@/lib/server/security-headers';

// Reachable without signing in: sign-in and sign-up, first-owner setup, password reset,
// invitations, the public invoice and a ticket's rating link (r/), the customer portal (which has
// its own sign-in: lib/portal/session.ts) and its API, the REST API (its own bearer keys:
// lib/api/handler.ts) and its docs page, the gateways' callbacks and Meta's webhook,
// and files under public/.
const PUBLIC =
  /^\/(?:_next\/|login|signup|setup|invite|forgot-password|reset\/|no-organization|i\/|r\/|portal(?:\/|$)|api\/portal\/|api\/auth|api\/v1\/|api\/docs$|api\/payments\/[a-z]+\/callback|api\/whatsapp\/cloud\/[^/]+\/webhook|templates\/|favicon\.ico|.*\.(?:png|svg|ico|css|js|webmanifest)$)/;
// Public pages whose forms post server actions (sign-in pages, setup, invitations, password
// reset, the invoice's pay button and complaint form, the rating form): anyone may post there, so the body is capped before Next
// reads it (Next's own limit is the 12 MB that staff uploads need).
const PUBLIC_FORM = /^\/(?:login|signup|setup|invite|forgot-password|reset\/|i\/|r\/|portal(?:\/|$))/;
// Route handlers answer JSON, PDFs, slips and CSV: no page policy, but never framed.
const ROUTE = /^\/(?:api\/(?!docs$)|i\/[^/]+\/(?:pdf|status)$)/;

/**
 * Sends anonymous visitors to sign-in and puts the security headers on every response.
 * Authorization (membership, role, tenant) is checked again by every page, action and route
 * handler itself.
 */
export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const options = { appUrl: env().APP_URL, tileUrl: env().MAP_TILE_URL, dev: process.env.NODE_ENV !== 'production' };
  const isRoute = ROUTE.test(pathname);
  const nonce = isRoute ? null : btoa(crypto.randomUUID());
  const csp = nonce ? pageCsp(nonce, options) : ROUTE_CSP;
  const secure = (response: NextResponse) => {
    for (const [name, value] of Object.entries(commonSecurityHeaders(options))) response.headers.set(name, value);
    response.headers.set('content-security-policy', csp);
    return response;
  };

  if (request.method === 'POST' && PUBLIC_FORM.test(pathname) && !declaredBodyWithin(request.headers)) {
    return secure(NextResponse.json({ error: 'too_large' }, { status: 413 }));
  }
  if (!PUBLIC.test(pathname) && !(await getToken({ req: request, secret: process.env.NEXTAUTH_SECRET }))) {
    if (pathname.startsWith('/api/'))
      return secure(NextResponse.json({ ok: false, code: 'unauthenticated' }, { status: 401 }));
    return secure(NextResponse.redirect(new URL('/login', request.url)));
  }
  // Next.js reads the nonce from the request's policy and puts it on the scripts it renders.
  const headers = new Headers(request.headers);
  headers.delete('x-nonce'); // only ever ours, never the client's
  if (nonce) {
    headers.set('x-nonce', nonce);
    headers.set('content-security-policy', csp);
  }
  return secure(NextResponse.next({ request: { headers } }));
}

export const config = {
  // Everything but Next's own static files (hashed, immutable, no HTML).
  matcher: ['/((?!_next/static|_next/image).*)'],
};
