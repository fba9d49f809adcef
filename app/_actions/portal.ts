'use server';
import { cookies, headers } from 'next/headers';
import { after } from 'next/server';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { getLocale } from '@/lib/auth/context';
import { env } from '@/lib/env';
import { requestPortalCode, verifyPortalCode } from '@/lib/portal/codes';
import { setPortalPasswordOp } from '@/lib/portal/operations';
import { portalOrgBySlug } from '@/lib/portal/orgs';
import { passwordSignIn } from '@/lib/portal/passwords';
import { endPortalSession, PORTAL_COOKIE, replacedPortalSession } from '@/lib/portal/session';
import { savePortalSettingsOp } from '@/lib/portal/settings-operations';
import { failure, runParsed } from '@/lib/server/operation';
import { act, visitorIp } from './act';
import { portalAct } from './portal-act';

const slug = z.string().max(64);
const phoneInput = z.object({ slug, phone: z.string().trim().min(1, 'validation.phone').max(40, 'validation.phone') });

/** The portal's organization, or the same "not found" a page gives. */
async function orgOf(s: unknown) {
  return typeof s === 'string' ? portalOrgBySlug(getDb(), s) : null;
}

async function userAgent() {
  return (await headers()).get('user-agent');
}

/** The portal cookie: httpOnly, lax, secure when the app is served over https. */
async function setPortalCookie(token: string, expiresAt: Date) {
  const jar = await cookies();
  // The token this browser held before stops working instead of living on for 30 days.
  await replacedPortalSession(getDb(), jar.get(PORTAL_COOKIE)?.value);
  jar.set(PORTAL_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: env().APP_URL.startsWith('https://'),
    path: '/',
    expires: expiresAt,
  });
}

/** "If this number is registered, a code is on its way": the same answer for any number. */
export async function requestPortalCodeAction(input: z.input<typeof phoneInput>) {
  const locale = await getLocale();
  const org = await orgOf(input?.slug);
  if (!org) return failure(locale, 'not_found');
  const ip = await visitorIp();
  return runParsed(locale, phoneInput, input, async (p) => {
    // The number as typed, normalized: the next step's hidden field; it says nothing new.
    const r = await requestPortalCode(getDb(), {
      orgId: org.id,
      phone: p.phone,
      ip,
      // Whether the number is a customer's is looked up after the answer has gone.
      afterAnswer: (work) =>
        after(() => work().catch((error) => console.error('[portal] the sign-in code message failed', error))),
    });
    return { sent: true, phone: r.phone };
  });
}

const codeInput = phoneInput.extend({ code: z.string().trim().max(12, 'validation.otp') });

export async function verifyPortalCodeAction(input: z.input<typeof codeInput>) {
  const locale = await getLocale();
  const org = await orgOf(input?.slug);
  if (!org) return failure(locale, 'not_found');
  const ip = await visitorIp();
  return runParsed(locale, codeInput, input, async (p) => {
    const s = await verifyPortalCode(getDb(), {
      orgId: org.id,
      phone: p.phone,
      code: p.code.replace(/\s/g, ''),
      ip,
      userAgent: await userAgent(),
    });
    await setPortalCookie(s.token, s.expiresAt);
    return { signedIn: true };
  });
}

const passwordInput = z.object({
  slug,
  customerNumber: z.string().trim().min(1, 'validation.required').max(20, 'validation.invalid'),
  password: z.string().min(1, 'validation.required').max(200, 'validation.tooLong'),
});

export async function portalPasswordSignInAction(input: z.input<typeof passwordInput>) {
  const locale = await getLocale();
  const org = await orgOf(input?.slug);
  if (!org) return failure(locale, 'not_found');
  const ip = await visitorIp();
  return runParsed(locale, passwordInput, input, async (p) => {
    const s = await passwordSignIn(getDb(), {
      orgId: org.id,
      customerNumber: p.customerNumber,
      password: p.password,
      ip,
      userAgent: await userAgent(),
    });
    await setPortalCookie(s.token, s.expiresAt);
    return { signedIn: true };
  });
}

/** Ends this browser's portal session (its own only). */
export async function portalSignOutAction(input: { slug: string }) {
  const org = await orgOf(input?.slug);
  const jar = await cookies();
  const token = jar.get(PORTAL_COOKIE)?.value;
  if (org && token) await endPortalSession(getDb(), { orgId: org.id, token });
  jar.delete(PORTAL_COOKIE);
  return { ok: true as const };
}

export async function setPortalPasswordAction(input: { slug: string } & z.input<typeof setPortalPasswordOp.input>) {
  const { slug: s, ...rest } = input ?? {};
  return portalAct(s, setPortalPasswordOp, rest as z.input<typeof setPortalPasswordOp.input>);
}

export async function savePortalSettingsAction(input: z.input<typeof savePortalSettingsOp.input>) {
  return act(savePortalSettingsOp, input, { revalidate: ['/settings/portal', '/settings'] });
}
