import { getToken } from 'next-auth/jwt';
import { NextResponse, type NextRequest } from 'next/server';

/**
 * Only sends anonymous visitors to sign-in. Authorization (membership, role, tenant) is
 * checked again by every page, action and route handler itself.
 */
export async function proxy(request: NextRequest) {
  const token = await getToken({ req: request, secret: process.env.NEXTAUTH_SECRET });
  if (token) return NextResponse.next();
  if (request.nextUrl.pathname.startsWith('/api/')) {
    return NextResponse.json({ ok: false, code: 'unauthenticated' }, { status: 401 });
  }
  return NextResponse.redirect(new URL('/login', request.url));
}

export const config = {
  matcher: ['/((?!login|signup|setup|invite|forgot-password|reset/|no-organization|i/|api/auth|api/payments/[a-z]+/callback|api/whatsapp/cloud/[^/]+/webhook|_next|templates/|favicon.ico|.*\\.(?:png|svg|ico|css|js)$).*)'],
};
