import 'server-only';
import { cookies, headers } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import { getServerSession } from 'next-auth';
import { cache } from 'react';
import { getDb } from '@/db/client';
import { LOCALE_COOKIE, toLocale } from '@/lib/i18n/config';
import { type Ctx, makeCtx } from '@/lib/server/operation';
import { reader } from '@/lib/server/read';
import { clientIp } from './ip';
import { authOptions } from './options';
import { can, type Permission } from './permissions';
import { loadSessionInfo, type SessionInfo } from './session';

export const ORG_COOKIE = 'jaring_org';

export type { SessionInfo } from './session';

/**
 * The signed-in user and the organization they are working in, re-read from the database on
 * every request: a deactivated member or suspended organization loses access at once, and so
 * does every session of a user who signed out everywhere (the token's version is old).
 */
export const getSessionInfo = cache(async (): Promise<SessionInfo | null> => {
  const session = await getServerSession(authOptions);
  const user = session?.user as { id?: string; sv?: number } | undefined;
  if (!user?.id) return null;
  return loadSessionInfo(getDb(), {
    userId: user.id,
    sessionVersion: user.sv,
    wantedOrgId: (await cookies()).get(ORG_COOKIE)?.value,
  });
});

export async function getLocale() {
  return toLocale((await cookies()).get(LOCALE_COOKIE)?.value);
}

async function buildCtx(info: SessionInfo): Promise<Ctx | null> {
  if (!info.org || !info.role) return null;
  const h = await headers();
  return makeCtx({
    db: getDb(),
    userId: info.user.id,
    orgId: info.org.id,
    role: info.role,
    ip: clientIp((name) => h.get(name)),
    locale: await getLocale(),
  });
}

/**
 * For pages: sends visitors to sign-in, members who must first set up two-factor sign-in to
 * their account page, and refuses members without the permission. `read` runs operations as
 * this member (lib/server/read.ts): pages never open the database themselves.
 */
export async function requirePage(permission?: Permission, opts: { duringEnrolment?: boolean } = {}) {
  const info = await getSessionInfo();
  if (!info) redirect('/login');
  const ctx = await buildCtx(info);
  if (!ctx) redirect('/no-organization');
  if (info.mustEnrolTwoFactor && !opts.duringEnrolment) redirect('/account?enrol=1');
  if (permission && !can(ctx.role, permission)) forbidden();
  return { info, ctx, read: reader(ctx) };
}

/** For server actions and route handlers: null when signed out or without an organization. */
export async function getActionContext(): Promise<Ctx | null> {
  const info = await getSessionInfo();
  return info ? buildCtx(info) : null;
}
