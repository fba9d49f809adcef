'use server';
import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { getDb } from '@/db/client';
import { getLocale } from '@/lib/auth/context';
import { clientIp } from '@/lib/auth/ip';
import { runAction } from '@/lib/server/action';
import { runParsed } from '@/lib/server/operation';
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
} from './operations';
import { requestResetCode, resetWithCode, resetWithToken } from './resets';
import { requestResetCodeSchema, resetWithCodeSchema, resetWithTokenSchema } from './schemas';

export async function changePasswordAction(input: unknown) {
  return runAction(changePasswordOp, input);
}

export async function updateProfileAction(input: unknown) {
  const result = await runAction(updateProfileOp, input);
  if (result.ok) revalidatePath('/account');
  return result;
}

export async function signOutEverywhereAction(input: unknown) {
  return runAction(signOutEverywhereOp, input);
}

export async function startTwoFactorAction(input: unknown) {
  return runAction(startTwoFactorOp, input);
}

export async function confirmTwoFactorAction(input: unknown) {
  return runAction(confirmTwoFactorOp, input);
}

export async function disableTwoFactorAction(input: unknown) {
  const result = await runAction(disableTwoFactorOp, input);
  if (result.ok) revalidatePath('/account');
  return result;
}

export async function issueResetLinkAction(input: unknown) {
  return runAction(issueResetLinkOp, input);
}

export async function resetMemberTwoFactorAction(input: unknown) {
  const result = await runAction(resetMemberTwoFactorOp, input);
  if (result.ok) revalidatePath('/users');
  return result;
}

export async function setUserActiveAction(input: unknown) {
  const result = await runAction(setUserActiveOp, input);
  if (result.ok) revalidatePath('/admin/users');
  return result;
}

async function visitorIp() {
  const h = await headers();
  return clientIp((n) => h.get(n));
}

/** Public: the reset link an admin gave; the token is the proof. */
export async function resetWithTokenAction(input: unknown) {
  const ip = await visitorIp();
  return runParsed(await getLocale(), resetWithTokenSchema, input, (data) => resetWithToken(getDb(), { ...data, ip }));
}

/** Public: always the same answer, so it tells nobody whether an account exists. */
export async function requestResetCodeAction(input: unknown) {
  const ip = await visitorIp();
  const locale = await getLocale();
  return runParsed(locale, requestResetCodeSchema, input, (data) => requestResetCode(getDb(), { ...data, ip, locale }));
}

/** Public: the code from WhatsApp, limited to five guesses per address. */
export async function resetWithCodeAction(input: unknown) {
  const ip = await visitorIp();
  return runParsed(await getLocale(), resetWithCodeSchema, input, (data) => resetWithCode(getDb(), { ...data, ip }));
}
