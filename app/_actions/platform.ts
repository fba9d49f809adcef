'use server';
import { cookies } from 'next/headers';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { getLocale, ORG_COOKIE } from '@/lib/auth/context';
import { signupSchema } from '@/lib/organizations/schemas';
import { createPlatformOwner } from '@/lib/platform/owner';
import { removeSetupToken, setupTokenMatches } from '@/lib/platform/setup-token';
import { AppError } from '@/lib/server/errors';
import { runParsed } from '@/lib/server/operation';
import { visitorIp } from './act';

const setupSchema = signupSchema.extend({ token: z.string().trim().min(1, 'validation.required') });

/** Public, but only with the one-time setup token from the server's log or `.data/`. */
export async function setupOwnerAction(input: z.input<typeof setupSchema>) {
  const ip = await visitorIp();
  return runParsed(await getLocale(), setupSchema, input, async ({ token, ...data }) => {
    if (!setupTokenMatches(token)) throw new AppError('setup_token');
    const { organization } = await createPlatformOwner(getDb(), { ...data, ip, source: 'setup' });
    removeSetupToken();
    (await cookies()).set(ORG_COOKIE, organization.id, {
      path: '/',
      maxAge: 60 * 60 * 24 * 365,
      sameSite: 'lax',
      httpOnly: true,
    });
    return { email: data.email };
  });
}
