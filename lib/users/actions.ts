'use server';
import { revalidatePath } from 'next/cache';
import { runAction } from '@/lib/server/action';
import { changeRoleOp, inviteUserOp, revokeInvitationOp, setMemberActiveOp } from './operations';

export async function inviteUserAction(input: unknown) {
  const result = await runAction(inviteUserOp, input);
  if (result.ok) revalidatePath('/users');
  return result;
}

export async function revokeInvitationAction(input: unknown) {
  const result = await runAction(revokeInvitationOp, input);
  if (result.ok) revalidatePath('/users');
  return result;
}

export async function changeRoleAction(input: unknown) {
  const result = await runAction(changeRoleOp, input);
  if (result.ok) revalidatePath('/users');
  return result;
}

export async function setMemberActiveAction(input: unknown) {
  const result = await runAction(setMemberActiveOp, input);
  if (result.ok) revalidatePath('/users');
  return result;
}
