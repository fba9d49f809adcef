'use server';
import { cookies } from 'next/headers';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { getLocale, getSessionInfo, ORG_COOKIE } from '@/lib/auth/context';
import { env } from '@/lib/env';
import { LOCALE_COOKIE, LOCALES } from '@/lib/i18n/config';
import { createOrganizationWithAdmin } from '@/lib/organizations/mutations';
import { signupSchema } from '@/lib/organizations/schemas';
import { AppError } from '@/lib/server/errors';
import { runParsed } from '@/lib/server/operation';
import { acceptInvitation, acceptInvitationAsUser } from '@/lib/users/invitations';
import { acceptInvitationSchema, invitationTokenSchema } from '@/lib/users/schemas';
import { visitorIp } from './act';

const YEAR = 60 * 60 * 24 * 365;

/** Public: a new ISP creates its organization and first admin (off when ALLOW_SIGNUP=false). */
export async function signupAction(input: z.input<typeof signupSchema>) {
  const ip = await visitorIp();
  return runParsed(await getLocale(), signupSchema, input, async (data) => {
    if (!env().ALLOW_SIGNUP) throw new AppError('signup_disabled');
    const { organization } = await createOrganizationWithAdmin(getDb(), { ...data, ip });
    (await cookies()).set(ORG_COOKIE, organization.id, { path: '/', maxAge: YEAR, sameSite: 'lax', httpOnly: true });
    return { email: data.email };
  });
}

/** Public: a new person, holding the invitation link, creates their account and joins. */
export async function acceptInvitationAction(input: z.input<typeof acceptInvitationSchema>) {
  const ip = await visitorIp();
  return runParsed(await getLocale(), acceptInvitationSchema, input, async (data) => {
    const joined = await acceptInvitation(getDb(), { ...data, ip });
    (await cookies()).set(ORG_COOKIE, joined.organizationId, {
      path: '/',
      maxAge: YEAR,
      sameSite: 'lax',
      httpOnly: true,
    });
    return { email: joined.email };
  });
}

/** Signed in: the account the invitation is made out to joins the organization. */
export async function acceptInvitationAsUserAction(input: z.input<typeof invitationTokenSchema>) {
  const ip = await visitorIp();
  return runParsed(await getLocale(), invitationTokenSchema, input, async ({ token }) => {
    const info = await getSessionInfo();
    if (!info) throw new AppError('unauthenticated');
    const joined = await acceptInvitationAsUser(getDb(), { token, userId: info.user.id, ip });
    (await cookies()).set(ORG_COOKIE, joined.organizationId, {
      path: '/',
      maxAge: YEAR,
      sameSite: 'lax',
      httpOnly: true,
    });
    return { organizationId: joined.organizationId };
  });
}

const switchSchema = z.object({ organizationId: z.string().uuid() });

/** Switches the working organization; only to one the user is an active member of. */
export async function switchOrganizationAction(input: z.input<typeof switchSchema>) {
  // A hand-made request is refused as a value, never thrown (a 500).
  const parsed = switchSchema.safeParse(input);
  if (!parsed.success) return { ok: false as const };
  const { organizationId } = parsed.data;
  const info = await getSessionInfo();
  if (!info?.organizations.some((o) => o.id === organizationId)) return { ok: false as const };
  (await cookies()).set(ORG_COOKIE, organizationId, { path: '/', maxAge: YEAR, sameSite: 'lax', httpOnly: true });
  return { ok: true as const };
}

const localeSchema = z.enum(LOCALES);

export async function setLocaleAction(locale: z.input<typeof localeSchema>) {
  const parsed = localeSchema.safeParse(locale);
  if (!parsed.success) return { ok: false as const };
  (await cookies()).set(LOCALE_COOKIE, parsed.data, { path: '/', maxAge: YEAR, sameSite: 'lax' });
  return { ok: true as const };
}
