'use server';
import type { z } from 'zod';
import { getDb } from '@/db/client';
import {
  changePasswordOp,
  confirmTwoFactorOp,
  disableTwoFactorOp,
  issueResetLinkOp,
  resetMemberTwoFactorOp,
  setUserActiveOp,
  signOutEverywhereOp,
  startTwoFactorOp,
  updateProfileOp,
} from '@/lib/account/operations';
import { requestResetCode, resetWithCode, resetWithToken } from '@/lib/account/resets';
import { requestResetCodeSchema, resetWithCodeSchema, resetWithTokenSchema } from '@/lib/account/schemas';
import { getLocale } from '@/lib/auth/context';
import { runParsed } from '@/lib/server/operation';
import { act, visitorIp } from './act';

export async function changePasswordAction(input: z.input<typeof changePasswordOp.input>) {
  return act(changePasswordOp, input);
}

export async function updateProfileAction(input: z.input<typeof updateProfileOp.input>) {
  return act(updateProfileOp, input, { revalidate: ['/account'] });
}

export async function signOutEverywhereAction(input: z.input<typeof signOutEverywhereOp.input>) {
  return act(signOutEverywhereOp, input);
}

export async function startTwoFactorAction(input: z.input<typeof startTwoFactorOp.input>) {
  return act(startTwoFactorOp, input);
}

export async function confirmTwoFactorAction(input: z.input<typeof confirmTwoFactorOp.input>) {
  return act(confirmTwoFactorOp, input);
}

export async function disableTwoFactorAction(input: z.input<typeof disableTwoFactorOp.input>) {
  return act(disableTwoFactorOp, input, { revalidate: ['/account'] });
}

export async function issueResetLinkAction(input: z.input<typeof issueResetLinkOp.input>) {
  return act(issueResetLinkOp, input);
}

export async function resetMemberTwoFactorAction(input: z.input<typeof resetMemberTwoFactorOp.input>) {
  return act(resetMemberTwoFactorOp, input, { revalidate: ['/users'] });
}

export async function setUserActiveAction(input: z.input<typeof setUserActiveOp.input>) {
  return act(setUserActiveOp, input, { revalidate: ['/admin/users'] });
}

/** Public: the reset link an admin gave; the token is the proof. */
export async function resetWithTokenAction(input: z.input<typeof resetWithTokenSchema>) {
  const ip = await visitorIp();
  return runParsed(await getLocale(), resetWithTokenSchema, input, (data) => resetWithToken(getDb(), { ...data, ip }));
}

/** Public: always the same answer, so it tells nobody whether an account exists. */
export async function requestResetCodeAction(input: z.input<typeof requestResetCodeSchema>) {
  const ip = await visitorIp();
  const locale = await getLocale();
  return runParsed(locale, requestResetCodeSchema, input, (data) => requestResetCode(getDb(), { ...data, ip, locale }));
}

/** Public: the code from WhatsApp, limited to five guesses per address. */
export async function resetWithCodeAction(input: z.input<typeof resetWithCodeSchema>) {
  const ip = await visitorIp();
  return runParsed(await getLocale(), resetWithCodeSchema, input, (data) => resetWithCode(getDb(), { ...data, ip }));
}
